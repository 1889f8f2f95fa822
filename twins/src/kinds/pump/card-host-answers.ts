import type { Database } from '@hearth/platform/db';
import { DecisionFollower, serviceCaller, type Carrying, type DecisionFollowSettings } from '../decision-follower';
import type { CardHostCommand } from './model/pump-decisions';
import type { PumpKind } from './pump-kind';
import * as decisions from './store/card-host-decisions';

/** Who sends the card host's answers to the pumps (recorded on each command and audit entry). */
export const CARD_HOST = 'card-host';

export interface CardHostAnswerSettings extends DecisionFollowSettings {
  /** A pump gives up on a card read after this long: a later answer is not sent. */
  answerWithinMs: number;
}

export const defaultCardHostAnswerSettings: CardHostAnswerSettings = { answerWithinMs: 60_000, pollMs: 5_000, lookbackMs: 30_000 };

/** Answers are kept this long, far beyond the look-back window. */
const KEEP_ANSWERS_MS = 24 * 3600_000;

export type CardHostAnswers = DecisionFollower<decisions.CardHostDecision, PumpKind>;

/**
 * Sends the card host's decisions (`fueling.authorization`) to the pumps (`DecisionFollower`): each
 * new one, read through a durable cursor, goes down as an AUTHORIZE or REFUSE command by the service
 * (`service:card-host`), audited, and shows on the twin. Woken by the fueling service's NOTIFY,
 * with a poll behind it. Every twins instance reads every decision; the one whose claim wins sends
 * it, through the instance holding the pump's gateway (ADR 0014). An answer abandoned SENDING (the
 * instance stopped before its command was recorded) is taken again after `ABANDONED_CLAIM_MS`: by
 * then the pump has given up on the card read, so it is settled LATE and never sent. Quiet until
 * the table exists.
 */
export function cardHostAnswers(db: Database, settings: CardHostAnswerSettings): CardHostAnswers {
  return new DecisionFollower<decisions.CardHostDecision, PumpKind>({
    db,
    settings,
    source: {
      name: 'card-host-answers',
      table: decisions.AUTHORIZATION_TABLE,
      channel: decisions.AUTHORIZATION_CHANNEL,
      cursor: decisions.decisionCursor,
      page: decisions.decisionsAfter,
      keyOf: (d) => [d.decidedKey, d.id],
    },
    claims: {
      settle: (q, d, outcome, commandId) => decisions.settleDecision(q, d.id, outcome, commandId),
      release: (q, d) => decisions.releaseDecision(q, d.id),
      abandoned: decisions.abandonedDecisions,
      forget: decisions.forgetOldAnswers,
      keepMs: KEEP_ANSWERS_MS,
    },
    carry: (d, carrying) => answer(db, settings, d, carrying),
    failed: {
      message: 'a card host decision could not be sent; trying again next run',
      fields: (d) => ({ authorizationId: d.id, tenantId: d.tenantId, deviceId: d.pumpId }),
    },
  });
}

async function answer(db: Database, settings: CardHostAnswerSettings, d: decisions.CardHostDecision, { core, kind, send }: Carrying<PumpKind>): Promise<void> {
  // Only pumps this service models: a decision for a pump that never reported here is not ours to send.
  if (kind.twins.get(d.pumpId)?.tenantId !== d.tenantId) return;
  const log = core.logger.child({ tenantId: d.tenantId, deviceId: d.pumpId, authorizationId: d.id });
  const waited = Date.now() - new Date(d.requestedAt).getTime();
  if (waited > settings.answerWithinMs) {
    if (await decisions.claimDecision(db, d, 'LATE'))
      log.warn({ waitedMs: waited, decision: d.decision }, 'the card host decided after the pump gave up on the card read: not sent');
    return;
  }
  if (!(await decisions.claimDecision(db, d, 'SENDING'))) return;
  const values: CardHostCommand =
    d.decision === 'AUTHORIZE'
      ? { action: 'AUTHORIZE', limitMinor: d.limitMinor, reason: null, nozzle: d.nozzle, authorizationId: d.id }
      : { action: 'REFUSE', limitMinor: 0, reason: d.reason ?? 'REFUSED', nozzle: d.nozzle, authorizationId: d.id };
  const command = await send(
    () =>
      core.desiredState.request(serviceCaller(CARD_HOST, d.tenantId), kind, {
        deviceId: d.pumpId,
        values: { ...values },
        expiresInSeconds: Math.max(1, Math.ceil((settings.answerWithinMs - waited) / 1000)),
        audit: {
          domain: 'twins',
          action: d.decision === 'AUTHORIZE' ? 'fueling.authorized' : 'fueling.refused',
          target: `pump:${d.pumpId}`,
          details: { authorizationId: d.id, nozzle: d.nozzle, limitMinor: values.limitMinor, reason: values.reason },
        },
      }),
    log,
    'the pump is bound to no gateway: the card host decision cannot reach it',
  );
  if (command) log.debug({ commandId: command.id, action: values.action }, 'card host decision sent to the pump');
}
