import type { SerialSettings } from '../../serial/open-serial-port';

/** Bits on the wire per character: start bit, data bits, parity bit if any, stop bits. */
export const bitsPerCharacter = (line: SerialSettings): number => 1 + line.dataBits + (line.parity === 'none' ? 0 : 1) + line.stopBits;

/** How long `bytes` characters occupy a line at its baud rate. */
export const wireMillis = (bytes: number, line: SerialSettings): number => (bytes * bitsPerCharacter(line) * 1_000) / line.baudRate;

/**
 * A pseudo-terminal moves bytes at memory speed whatever its baud rate; a simulator that paces itself
 * answers only after the request and its answer would have crossed a real line (plus the device's own
 * turnaround), so throughput measured against it means something for a real site.
 */
export async function waitForWire(line: SerialSettings, requestBytes: number, answerBytes: number, turnaroundMs: number): Promise<void> {
  const ms = wireMillis(requestBytes + answerBytes, line) + turnaroundMs;
  const until = performance.now() + ms;
  // setTimeout sleeps in whole milliseconds (and oversleeps); finish the last stretch by yielding.
  if (ms > 2) await new Promise((resolve) => setTimeout(resolve, Math.floor(ms - 1)));
  while (performance.now() < until) await new Promise((resolve) => setImmediate(resolve));
}
