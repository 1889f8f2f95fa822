import { randomUUID } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { Logger } from 'pino';
import type { RedisLink } from '@hearth/platform/redis';
import { counter, HearthError, type CallerContext, type ErrorCode } from '@hearth/platform';
import type { DesiredStateRequest } from '../commands/desired-state.service';

/**
 * What one twins instance committed, for the others to apply to their twins in memory and pass
 * to their subscribers: the states as they are after the commit, so a peer reads nothing back.
 */
export interface PeerChanges {
  gateways: unknown[];
  kinds: { kind: string; twins: unknown[] }[];
  alarms: unknown[];
}

/** Work only the holder of a device's gateway may do (it writes the device's twin), asked of it by another instance. */
export type PeerRequest =
  | { op: 'desire'; kind: string; caller: CallerContext; request: DesiredStateRequest }
  | { op: 'cancel'; caller: CallerContext; commandId: string }
  | { op: 'acknowledge'; caller: CallerContext; alarmId: string; comment: string | null };

interface Envelope {
  from: string;
  changes?: PeerChanges;
  /** Commands of this gateway wait to be sent: whichever instance holds its connection sends them. */
  deliver?: string;
  call?: { id: string; to: string; request: PeerRequest };
  reply?: { id: string; to: string; result?: unknown; error?: { code: ErrorCode; message: string; extensions: Record<string, unknown> } };
}

/** The instance asked did not answer in time (it may have died): the caller does the work itself. */
export class PeerUnavailable extends Error {}

/** How long a request waits for the instance asked; past it, the asker does the work itself. */
const CALL_TIMEOUT_MS = 5_000;

/** How long an instance counts as alive after its last heartbeat, and how often it beats. */
const ALIVE_MS = 15_000;
const BEAT_MS = 5_000;

const relayed = counter('hearth_twins_peer_changes_total', 'Committed twin changes passed between twins instances', ['direction']);

/**
 * The other instances of the twins service (ADR 0014), through Redis. Each device's twin has one
 * writer at a time: the instance holding its gateway's MQTT connection. What an instance commits
 * reaches the others in memory (so a subscriber on any instance sees every device); commands are
 * sent by whichever instance holds the gateway; and the gateways of an instance that died (its
 * heartbeat stopped) are taken over by one live instance, the one with the smallest id, so an
 * orphan's offline alarm is raised once. Redis keeps no history of a channel: after a lost
 * subscription the caller reads every twin again (`onGap`).
 */
export interface Peers {
  /** This instance, as recorded on the gateways it holds. */
  readonly id: string;
  /** Whether this instance does the connectivity work (offline, stale, alarms) of a gateway last held by `holder`. */
  owns(holder: string | null | undefined): boolean;
  send(changes: PeerChanges): void;
  askToDeliver(gatewayId: string): void;
  /** Whether `instance` is alive (its heartbeat has not expired). */
  isLive(instance: string): boolean;
  /** Has `instance` carry out the request; its error is thrown here, PeerUnavailable when it does not answer. */
  call(instance: string, request: PeerRequest): Promise<unknown>;
  close(): Promise<void>;
}

export interface PeerHandlers {
  changes(changes: PeerChanges): void;
  deliver(gatewayId: string): void;
  /** Carries out what another instance asked of this one. */
  call(request: PeerRequest): Promise<unknown>;
  /** Messages were missed: read the committed state again. */
  gap(): void;
}

export class RedisPeers implements Peers {
  readonly id = randomUUID();
  private live = new Set<string>([this.id]);
  private readonly calls = new Map<string, { resolve: (result: unknown) => void; reject: (err: Error) => void; timer: NodeJS.Timeout }>();
  private beat?: NodeJS.Timeout;
  private unsubscribe?: () => Promise<void>;

  private constructor(
    private readonly redis: RedisLink,
    private readonly logger: Logger,
  ) {}

  static async join(redis: RedisLink, logger: Logger, handlers: PeerHandlers): Promise<RedisPeers> {
    const peers = new RedisPeers(redis, logger);
    await peers.heartbeat();
    peers.beat = setInterval(() => void peers.heartbeat().catch((err: unknown) => logger.warn({ err }, 'twins heartbeat failed')), BEAT_MS);
    peers.beat.unref();
    peers.unsubscribe = await redis.subscribe(
      'twins:peers',
      (message) => {
        const envelope = deserialize(message) as Envelope;
        if (envelope.from === peers.id) return;
        // Heard from: alive, even before the next heartbeat read lists it (a gateway it just took is not an orphan).
        peers.live.add(envelope.from);
        relayed.inc({ direction: 'received' });
        if (envelope.changes) handlers.changes(envelope.changes);
        if (envelope.deliver) handlers.deliver(envelope.deliver);
        if (envelope.call?.to === peers.id) peers.answer(envelope.from, envelope.call, handlers);
        if (envelope.reply?.to === peers.id) peers.settle(envelope.reply);
      },
      handlers.gap,
    );
    logger.info({ instance: peers.id, live: peers.live.size }, 'twins instance joined its peers');
    return peers;
  }

  owns(holder: string | null | undefined): boolean {
    if (holder === this.id) return true;
    if (holder && this.live.has(holder)) return false;
    // An orphan: held by nobody alive. The live instance with the smallest id takes it.
    return [...this.live].sort()[0] === this.id;
  }

  send(changes: PeerChanges): void {
    this.publish({ from: this.id, changes });
  }

  askToDeliver(gatewayId: string): void {
    this.publish({ from: this.id, deliver: gatewayId });
  }

  isLive(instance: string): boolean {
    return this.live.has(instance);
  }

  call(instance: string, request: PeerRequest): Promise<unknown> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.calls.delete(id);
        reject(new PeerUnavailable(`twins instance ${instance} did not answer within ${CALL_TIMEOUT_MS} ms`));
      }, CALL_TIMEOUT_MS);
      this.calls.set(id, { resolve, reject, timer });
      this.publish({ from: this.id, call: { id, to: instance, request } });
    });
  }

  /** Carries out a request asked of this instance and answers the asker, with the result or the error to throw there. */
  private answer(from: string, call: NonNullable<Envelope['call']>, handlers: PeerHandlers): void {
    this.logger.debug({ from, op: call.request.op, requestId: call.request.caller.requestId }, 'carrying out a request of another twins instance');
    handlers.call(call.request).then(
      (result) => this.publish({ from: this.id, reply: { id: call.id, to: from, result } }),
      (err: unknown) => {
        if (err instanceof PeerUnavailable) return;
        const error =
          err instanceof HearthError
            ? { code: err.extensions.code as ErrorCode, message: err.message, extensions: err.extensions }
            : { code: 'INTERNAL_SERVER_ERROR' as ErrorCode, message: 'The instance holding the device failed the request.', extensions: {} };
        if (!(err instanceof HearthError)) this.logger.error({ err }, 'a request of another twins instance failed');
        this.publish({ from: this.id, reply: { id: call.id, to: from, error } });
      },
    );
  }

  private settle(reply: NonNullable<Envelope['reply']>): void {
    const pending = this.calls.get(reply.id);
    if (!pending) return;
    this.calls.delete(reply.id);
    clearTimeout(pending.timer);
    if (reply.error) {
      const { code: _code, ...extensions } = reply.error.extensions;
      pending.reject(new HearthError(reply.error.code, reply.error.message, extensions));
    } else pending.resolve(reply.result);
  }

  async close(): Promise<void> {
    clearInterval(this.beat);
    await this.unsubscribe?.();
    await this.redis.client.del(this.redis.key(`twins:instance:${this.id}`)).catch(() => undefined);
  }

  private publish(envelope: Envelope): void {
    relayed.inc({ direction: 'sent' });
    this.redis.publish('twins:peers', serialize(envelope)).catch((err: unknown) => this.logger.warn({ err }, 'could not tell the other twins instances'));
  }

  /** Beats, and reads who else is alive (the instance keys expire when their owner stops beating). */
  private async heartbeat(): Promise<void> {
    const { client } = this.redis;
    await client.set(this.redis.key(`twins:instance:${this.id}`), '1', 'PX', ALIVE_MS);
    const pattern = this.redis.key('twins:instance:*');
    const live = new Set<string>([this.id]);
    let cursor = '0';
    do {
      // keyPrefix is not used on this client, so the keys come back whole.
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      for (const key of keys) live.add(key.slice(pattern.length - 1));
      cursor = next;
    } while (cursor !== '0');
    this.live = live;
  }
}
