import { DC, fromBcd, splitBlock, type Transaction } from './dart-transactions';

/** What a pump's block said, in the pump's own units (its decimals for volume, amount and price). */
export type PumpMessage =
  | { kind: 'status'; status: number }
  | { kind: 'filled'; volume: number; amount: number }
  | { kind: 'nozzle'; price: number; nozzle: number; out: boolean }
  | { kind: 'totals'; counter: number; volume: number }
  | { kind: 'card'; cardNumber: string }
  | { kind: 'alarm'; code: number }
  | { kind: 'other'; trans: number };

export type ParsedBlock = { ok: true; messages: PumpMessage[] } | { ok: false; detail: string };

/** Reads a pump's block (§3.2); transactions it does not know are kept as `other` (LNG lets them be skipped, §3). */
export function parsePumpBlock(block: Buffer): ParsedBlock {
  const transactions = splitBlock(block);
  if (!transactions) return { ok: false, detail: `transaction lengths do not add up to the block's ${block.length} bytes` };
  const messages: PumpMessage[] = [];
  for (const t of transactions) {
    const message = parseTransaction(t);
    if (typeof message === 'string') return { ok: false, detail: `DC${t.trans}: ${message}` };
    messages.push(message);
  }
  return { ok: true, messages };
}

function parseTransaction({ trans, data }: Transaction): PumpMessage | string {
  switch (trans) {
    case DC.status: // §3.2.1
      return data.length === 1 ? { kind: 'status', status: data[0]! } : 'STATUS is one byte';
    case DC.filled: {
      // §3.2.2: VOL and AMO, 4 bytes BCD each
      const [volume, amount] = [fromBcd(data.subarray(0, 4)), fromBcd(data.subarray(4, 8))];
      return data.length === 8 && volume !== undefined && amount !== undefined ? { kind: 'filled', volume, amount } : 'VOL AMO are 2 × 4 bytes BCD';
    }
    case DC.nozzle: {
      // §3.2.3: PRI 3 bytes BCD, NOZIO bits 0-3 nozzle, bit 4 out
      const price = fromBcd(data.subarray(0, 3));
      const nozio = data[3];
      return data.length === 4 && price !== undefined && nozio !== undefined
        ? { kind: 'nozzle', price, nozzle: nozio & 0x0f, out: (nozio & 0x10) !== 0 }
        : 'PRI NOZIO are 3 bytes BCD and 1 byte';
    }
    case DC.totals: {
      // §3.2.9: COUN, TOTVAL 5 bytes BCD, TOTM1 and TOTM2 (meters, not used here)
      const volume = fromBcd(data.subarray(1, 6));
      return data.length >= 6 && volume !== undefined ? { kind: 'totals', counter: data[0]!, volume } : 'COUN TOTVAL are 1 byte and 5 bytes BCD';
    }
    case DC.card: {
      const cardNumber = data.toString('latin1');
      return /^[0-9]{8,19}$/.test(cardNumber) ? { kind: 'card', cardNumber } : 'a card number is 8-19 ASCII digits (ISO/IEC 7812)';
    }
    case DC.alarm: // §3.2.4
      return data.length === 1 ? { kind: 'alarm', code: data[0]! } : 'ALARM is one byte';
    default:
      return { kind: 'other', trans };
  }
}
