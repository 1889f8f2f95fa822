import type { EventEmitter } from 'node:events';
import { Aedes } from 'aedes';
import type { Logger } from '@hearth/platform';
import { CredentialWatch } from './credential-watch';
import { Downlink } from './downlink';
import { GatewayPresence } from './gateway-presence';
import { createAuthenticate } from './hooks/authenticate';
import { createAuthorizeForward } from './hooks/authorize-forward';
import { createAuthorizePublish } from './hooks/authorize-publish';
import { createAuthorizeSubscribe } from './hooks/authorize-subscribe';
import { InFlight } from './in-flight';
import { startListeners, type Listeners, type ListeningPorts, type ListenOptions } from './listeners';
import { ConnectionAdmission } from './connection-admission';
import { defaultConnectionLimits, type ConnectionLimits } from './connection-limits';
import { Connections } from './connections';
import { createFrontDoor } from './front-door';
import { createPreConnect } from './hooks/pre-connect';
import { PacketChecks } from './packet-checks';
import type { EventSchemas, TelemetrySchemas } from './metric-schemas';
import { defaultPayloadLimits, type PayloadLimits } from './payload';
import { RejectionLog } from './rejection-log';
import { Sessions } from './sessions';
import type { DeviceRegistry, MessageSink } from './types';

export interface BrokerLimits extends Partial<Omit<PayloadLimits, 'telemetry' | 'events'>>, Partial<ConnectionLimits> {
  /** Largest MQTT packet read at all; a bigger one closes the connection before it is buffered. Default 4 × maxPayloadBytes. */
  maxPacketBytes?: number;
}

export interface CreateBrokerOptions {
  logger: Logger;
  registry: DeviceRegistry;
  sink: MessageSink;
  limits?: BrokerLimits;
  /** Each twin kind's telemetry schema (the twins service hands over its registered kinds'). */
  telemetry?: TelemetrySchemas;
  /** The event schemas of the twin kinds that model their events (`hearth/v1/…/event`). */
  events?: EventSchemas;
}

export interface HearthBroker {
  /** The embedded Aedes instance: the host publishes downlink commands with `aedes.publish`. */
  readonly aedes: Aedes;
  readonly rejections: RejectionLog;
  /** Commands down to gateways: whether one can receive now, sending, and its PUBACKs. */
  readonly downlink: Downlink;
  listen(options: ListenOptions): Promise<ListeningPorts>;
  /** Stops listening, closes every connection, waits for sink writes in progress. Close the sink after this. */
  close(): Promise<void>;
}

/**
 * The MQTT side of Hearth (DESIGN §3), to embed in the process that stores what it receives:
 * Aedes with our hooks, our listeners, and the rejection log.
 */
export function createBroker(options: CreateBrokerOptions): HearthBroker {
  const logger = options.logger.child({ component: 'mqtt' });
  const limits: PayloadLimits = {
    ...defaultPayloadLimits,
    ...definedOnly(options.limits ?? {}),
    telemetry: options.telemetry ?? {},
    events: options.events ?? {},
  };
  const maxPacketBytes = options.limits?.maxPacketBytes ?? limits.maxPayloadBytes * 4;
  const connectionLimits: ConnectionLimits = { ...defaultConnectionLimits, ...definedOnly(options.limits ?? {}) };
  const { registry, sink } = options;
  const rejections = new RejectionLog();
  const sessions = new Sessions(connectionLimits);
  const presence = new GatewayPresence(sink, logger);
  const inFlight = new InFlight();
  const credentials = new CredentialWatch(registry, sessions, logger);
  const connections = new Connections();
  const admission = new ConnectionAdmission(connectionLimits);

  const aedes = new Aedes({
    connectTimeout: connectionLimits.connectTimeoutMs,
    preConnect: createPreConnect(connections),
    authenticate: createAuthenticate({ registry, sessions, rejections, logger, credentials, connections, admission }),
    authorizePublish: createAuthorizePublish({ sessions, registry, presence, limits, logger, sink, rejections, inFlight }),
    authorizeSubscribe: createAuthorizeSubscribe({ sessions, rejections, logger, maxSubscriptions: connectionLimits.maxSubscriptionsPerConnection }),
    authorizeForward: createAuthorizeForward(sessions),
  });
  const downlink = new Downlink(aedes, sessions, logger);
  // Aedes 1.x must set up its persistence before it handles a connection; listen() waits for this.
  const ready = aedes.listen();
  void ready.catch((err: unknown) => logger.error({ err }, 'aedes failed to start'));

  aedes.on('clientReady', (client) => {
    const session = sessions.get(client);
    if (!session) return;
    session.present = true;
    presence.connected(session);
  });
  aedes.on('clientDisconnect', (client) => {
    const session = sessions.get(client);
    if (!session) return;
    sessions.close(client);
    if (session.present) presence.disconnected(session);
    session.present = false;
  });
  // Aedes emits 'error' for failures no client owns; unhandled, an 'error' event would end the process.
  (aedes as EventEmitter).on('error', (err: Error) => logger.error({ err }, 'aedes error'));

  const handle = createFrontDoor({
    aedes,
    sessions,
    connections,
    admission,
    packetChecks: new PacketChecks(connectionLimits.subscribesPerConnection),
    rejections,
    logger,
    limits: { maxPacketBytes, maxBytesBeforeAuth: connectionLimits.maxBytesBeforeAuth },
  });

  let listeners: Listeners | undefined;
  let closing: Promise<void> | undefined;

  return {
    aedes,
    rejections,
    downlink,
    async listen(listenOptions) {
      if (listeners || closing) throw new Error('broker is already listening or closed');
      await ready;
      listeners = await startListeners(handle, listenOptions, {
        maxFrameBytes: maxPacketBytes + 16,
        onError: (err) => logger.error({ err }, 'listener error'),
      });
      logger.info({ ...listeners.ports }, 'MQTT broker listening');
      return listeners.ports;
    },
    close() {
      closing ??= (async () => {
        credentials.close();
        const stopped = listeners?.stopAccepting();
        await ready.catch(() => undefined);
        await new Promise<void>((resolve) => aedes.close(() => resolve()));
        await inFlight.settled();
        listeners?.destroyConnections();
        await stopped;
      })();
      return closing;
    },
  };
}

const definedOnly = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
