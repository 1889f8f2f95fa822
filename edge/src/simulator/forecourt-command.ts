/**
 * The pump commands of the MQTT contract (twins/src/kinds/pump/README.md), as the simulated
 * forecourt controller reads them: the card host's AUTHORIZE and REFUSE, and SET_PRICES in the
 * shape the Wayne DART driver takes (edge/src/bridge/drivers/wayne-dart/pump-command.ts).
 */
export type PumpCommand =
  | { id: string; action: 'AUTHORIZE'; limitMinor: number; nozzle?: number }
  | { id: string; action: 'REFUSE'; reason: string; nozzle?: number }
  | { id: string; action: 'SET_PRICES'; prices: Record<string, number> };

/** A command, or why it is not one (answered as a rejection when it has an id, dropped when not). */
export type ParsedCommand = { ok: true; command: PumpCommand } | { ok: false; id?: string; reason: string };

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

export function parsePumpCommand(payload: Buffer | string): ParsedCommand {
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(payload.toString());
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, reason: 'not a JSON object' };
    body = parsed as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const id = typeof body.id === 'string' && body.id.length > 0 ? body.id : undefined;
  if (!id) return { ok: false, reason: 'a command without an id' };
  // The card host names the nozzle it answers; a command without one is for whichever is waiting.
  const nozzle = isCount(body.nozzle) ? body.nozzle : undefined;
  switch (body.action) {
    case 'AUTHORIZE':
      if (!isCount(body.limitMinor)) return { ok: false, id, reason: 'AUTHORIZE needs a limitMinor above 0' };
      return { ok: true, command: { id, action: 'AUTHORIZE', limitMinor: body.limitMinor, nozzle } };
    case 'REFUSE':
      return { ok: true, command: { id, action: 'REFUSE', reason: typeof body.reason === 'string' ? body.reason : 'REFUSED', nozzle } };
    case 'SET_PRICES': {
      const list = Array.isArray(body.prices) ? (body.prices as unknown[]) : [];
      const prices: Record<string, number> = {};
      for (const entry of list) {
        const { grade, unitPriceMinor } = (entry ?? {}) as { grade?: unknown; unitPriceMinor?: unknown };
        if (typeof grade !== 'string' || grade.length === 0 || !isCount(unitPriceMinor))
          return { ok: false, id, reason: 'SET_PRICES needs prices of { grade, unitPriceMinor > 0 }' };
        prices[grade] = unitPriceMinor;
      }
      if (list.length === 0) return { ok: false, id, reason: 'SET_PRICES needs at least one price' };
      return { ok: true, command: { id, action: 'SET_PRICES', prices } };
    }
    default:
      return { ok: false, id, reason: `unknown action ${String(body.action)}` };
  }
}
