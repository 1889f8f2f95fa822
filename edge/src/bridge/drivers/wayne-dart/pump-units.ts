/**
 * The pump counts in its own decimals (DPVOL, DPAMO, DPUNP: Dart Pump Interface §3.1.8); the contract
 * in millilitres, minor units (fen) and minor units per litre. Decimals are bounded in the site file
 * (volume ≤ 3, amount and price ≤ 2) so that pump → contract is an exact multiplication.
 */
export interface PumpDecimals {
  volume: number;
  amount: number;
  price: number;
}

export const toMillilitres = (volume: number, d: PumpDecimals): number => volume * 10 ** (3 - d.volume);
export const toMinor = (amount: number, d: PumpDecimals): number => amount * 10 ** (2 - d.amount);
export const toMinorPerLitre = (price: number, d: PumpDecimals): number => price * 10 ** (2 - d.price);

/** A limit in the pump's amount units, rounded down: the pump must never sell past it. */
export const limitInPumpUnits = (minor: number, d: PumpDecimals): number => Math.floor(minor / 10 ** (2 - d.amount));

/** undefined when the pump cannot show the price exactly. */
export function priceInPumpUnits(minorPerLitre: number, d: PumpDecimals): number | undefined {
  const price = minorPerLitre / 10 ** (2 - d.price);
  return Number.isInteger(price) ? price : undefined;
}
