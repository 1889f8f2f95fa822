import { randomUUID } from 'node:crypto';
import type { CallerContext } from '@hearth/platform';
import { followTable, logFailedRow, type Database } from '@hearth/platform/db';
import { TableFollower } from '@hearth/platform/service';
import type { KindCore, KindTwins } from '../twin-kind';
import type { CardHostCommand } from './model/pump-decisions';
import type { PumpTwinState } from './model/pump-twin';
import type { PumpKind } from './pump-kind';
import * as decisions from './store/card-host-decisions';

/** Who sends the card host's answers to the pumps (recorded on each command and audit entry). */
export const CARD_HOST = 'card-host';

export interface CardHostAnswerSettings {
  /** A pump gives up on a card read after this long: a later answer is not sent. */
  answerWithinMs: number;
  /** The poll behind the fueling service's NOTIFY. */
  pollMs: number;
  /** How far behind its cursor each run reads again (a decision that committed after a later one). */
  lookbackMs: number;
}

export const defaultCardHostAnswerSettings: CardHostAnswerSettings = { answerWithinMs: 60_000, pollMs: 5_000, lookbackMs: 30_000 };

/** Answers are kept this long, far beyond the look-back window. */
const KEEP_ANSWERS_MS = 24 * 3600_000;

/**
 * Sends the card host's decisions (`fueling.authorization`) to the pumps: each new one, read
 * through a durable cursor, goes down as an AUTHORIZE or REFUSE command by the service
 * (`service:card-host`), audited, and shows on the twin. Woken by the fueling service's NOTIFY,
 * with a poll behind it. Every twins instance reads every decision; the one whose claim wins sends
 * it, through the instance holding the pump's gateway (ADR 0014). Quiet until the table exists.
 */
export class CardHostAnswers {
  private readonly follower: TableFollower;
  private forgotAt = 0;
  private core?: KindCore;
  private kind?: PumpKind;

  constructor(
    private readonly db: Database,
    private readonly twins: KindTwins<PumpTwinState>,
    private readonly settings: CardHostAnswerSettings,
  ) {
    this.follower = new TableFollower({
      name: 'card-host-answers',
      db,
      pollMs: settings.pollMs,
      channel: decisions.AUTHORIZATION_CHANNEL,
      tables: [decisions.AUTHORIZATION_TABLE],
      run: () => this.run(),
    });
  }

  /** Listens before the twins are restored; nothing is sent before `connect`. */
  start(): Promise<void> {
    return this.follower.listen();
  }

  /** The core's services, and the kind whose commands these are: from now on decisions are sent. */
  connect(core: KindCore, kind: PumpKind): void {
    this.core = core;
    this.kind = kind;
    void this.follower.start(core.logger);
  }

  /** Runs now, or once more right after the run under way (a notice during a run is never lost). */
  wake(): Promise<void> {
    return this.follower.wake();
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }

  private async run(): Promise<void> {
    const { core, kind } = this;
    if (!core || !kind) return;
    await followTable<decisions.CardHostDecision>(this.db, {
      cursor: decisions.decisionCursor,
      lookbackMs: this.settings.lookbackMs,
      page: (after, limit) => decisions.decisionsAfter(this.db, after, limit),
      keyOf: (d) => [d.decidedKey, d.id],
      take: (d) => this.answer(core, kind, d),
      failed: logFailedRow(core.logger, 'a card host decision could not be sent; trying again next run', (d) => ({
        authorizationId: d.id,
        tenantId: d.tenantId,
        deviceId: d.pumpId,
      })),
    });
    if (Date.now() - this.forgotAt > 3600_000) {
      this.forgotAt = Date.now();
      await decisions.forgetOldAnswers(this.db, KEEP_ANSWERS_MS);
    }
  }

  private async answer(core: KindCore, kind: PumpKind, d: decisions.CardHostDecision): Promise<void> {
    // Only pumps this service models: a decision for a pump that never reported here is not ours to send.
    if (this.twins.get(d.pumpId)?.tenantId !== d.tenantId) return;
    const log = core.logger.child({ tenantId: d.tenantId, deviceId: d.pumpId, authorizationId: d.id });
    const waited = Date.now() - new Date(d.requestedAt).getTime();
    if (waited > this.settings.answerWithinMs) {
      if (await decisions.claimDecision(this.db, d, 'LATE'))
        log.warn({ waitedMs: waited, decision: d.decision }, 'the card host decided after the pump gave up on the card read: not sent');
      return;
    }
    if (!(await decisions.claimDecision(this.db, d, 'SENDING'))) return;
    const values: CardHostCommand =
      d.decision === 'AUTHORIZE'
        ? { action: 'AUTHORIZE', limitMinor: d.limitMinor, reason: null, nozzle: d.nozzle, authorizationId: d.id }
        : { action: 'REFUSE', limitMinor: 0, reason: d.reason ?? 'REFUSED', nozzle: d.nozzle, authorizationId: d.id };
    try {
      const command = await core.desiredState.request(cardHostCaller(d.tenantId), kind, {
        deviceId: d.pumpId,
        values: { ...values },
        expiresInSeconds: Math.max(1, Math.ceil((this.settings.answerWithinMs - waited) / 1000)),
        audit: {
          domain: 'twins',
          action: d.decision === 'AUTHORIZE' ? 'fueling.authorized' : 'fueling.refused',
          target: `pump:${d.pumpId}`,
          details: { authorizationId: d.id, nozzle: d.nozzle, limitMinor: values.limitMinor, reason: values.reason },
        },
      });
      await decisions.settleDecision(this.db, d.id, 'SENT', command.id);
      log.debug({ commandId: command.id, action: values.action }, 'card host decision sent to the pump');
    } catch (err) {
      if (codeOf(err) === 'DEVICE_NOT_BOUND') {
        await decisions.settleDecision(this.db, d.id, 'NOT_BOUND', null);
        log.warn('the pump is bound to no gateway: the card host decision cannot reach it');
        return;
      }
      await decisions.releaseDecision(this.db, d.id);
      throw err;
    }
  }
}

const cardHostCaller = (tenantId: string): CallerContext => ({
  tenantId,
  requestId: randomUUID(),
  principal: { kind: 'service', id: CARD_HOST },
  scopes: [],
});

/** An error's `extensions.code` (a HearthError, here or from the instance holding the gateway). */
const codeOf = (err: unknown): unknown => (err as { extensions?: { code?: unknown } } | null)?.extensions?.code;
