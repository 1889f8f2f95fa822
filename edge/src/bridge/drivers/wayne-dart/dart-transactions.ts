/**
 * Wayne DART application level (level 3): a block's data is one or more transactions
 * TRANS LNG DATA… (Dart Pump Interface rev. 2.11 §3). Numbers are packed BCD, most significant first.
 */
export interface Transaction {
  trans: number;
  data: Buffer;
}

/** Site controller → pump (§3.1). */
export const CD = { command: 0x01, allowedNozzles: 0x02, presetVolume: 0x03, presetAmount: 0x04, priceUpdate: 0x05, requestTotals: 0x65 } as const;
/** Pump → site controller (§3.2). `card` is ours: see `cardRead`. */
export const DC = { status: 0x01, filled: 0x02, nozzle: 0x03, alarm: 0x05, identity: 0x09, card: 0x64, totals: 0x65 } as const;
/** CD1's pump control commands (DCC, §3.1.1). */
export const DCC = { returnStatus: 0x00, returnFillingInformation: 0x04, reset: 0x05, authorize: 0x06, stop: 0x08, switchOff: 0x0a } as const;

export function toBcd(value: number, bytes: number): Buffer {
  const digits = String(value);
  if (!Number.isInteger(value) || value < 0 || digits.length > bytes * 2) throw new RangeError(`${value} does not fit ${bytes} bytes of packed BCD`);
  return Buffer.from(digits.padStart(bytes * 2, '0'), 'hex');
}

/** undefined when a nibble is not a decimal digit. */
export function fromBcd(bytes: Buffer): number | undefined {
  const digits = bytes.toString('hex');
  return /^[0-9]*$/.test(digits) ? Number(digits) : undefined;
}

export function encodeBlock(transactions: Transaction[]): Buffer {
  return Buffer.concat(transactions.map((t) => Buffer.concat([Buffer.from([t.trans, t.data.length]), t.data])));
}

/** Splits a block into its transactions; undefined when the lengths do not add up to the block (§3). */
export function splitBlock(block: Buffer): Transaction[] | undefined {
  const transactions: Transaction[] = [];
  for (let at = 0; at < block.length;) {
    const [trans, length] = [block[at], block[at + 1]];
    if (trans === undefined || length === undefined || at + 2 + length > block.length) return undefined;
    transactions.push({ trans, data: block.subarray(at + 2, at + 2 + length) });
    at += 2 + length;
  }
  return transactions;
}

export const command = (dcc: number): Transaction => ({ trans: CD.command, data: Buffer.from([dcc]) });
/** §3.1.2: the logical nozzles (1–0FH) an AUTHORIZE lets fill. */
export const allowedNozzles = (nozzles: number[]): Transaction => ({ trans: CD.allowedNozzles, data: Buffer.from(nozzles) });
/** §3.1.4: the pump stops when the filled amount reaches it (4 bytes BCD, the pump's amount decimals). */
export const presetAmount = (amount: number): Transaction => ({ trans: CD.presetAmount, data: toBcd(amount, 4) });
/** §3.1.5: PRI1 is logical nozzle 1's price, PRI2 nozzle 2's…; a pump ignores the block unless every nozzle has one. */
export const priceUpdate = (prices: number[]): Transaction => ({ trans: CD.priceUpdate, data: Buffer.concat(prices.map((p) => toBcd(p, 3))) });
/** §3.1.12: COUN 01H–08H asks for a logical nozzle's volume totals. */
export const requestTotals = (counter: number): Transaction => ({ trans: CD.requestTotals, data: Buffer.from([counter]) });

/**
 * DART carries no card data. On an IC-card dispenser the card terminal sits in the pump; we have it
 * report the card number in an application-dependent transaction (DC100 = 64H, reserved for those by
 * §3): LNG, then the card number as ASCII digits. A site whose terminal reports otherwise needs its own mapping.
 */
export const cardRead = (cardNumber: string): Transaction => ({ trans: DC.card, data: Buffer.from(cardNumber, 'latin1') });
