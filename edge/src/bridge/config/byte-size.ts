import { z } from 'zod';

const units: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** A size in bytes, written as a number or with a binary unit ("64MiB", "512 KiB"), so site files stay readable. */
export const byteSize = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^\d+(\.\d+)?\s*(B|KiB|MiB|GiB)$/, 'a size such as 65536, "512KiB" or "64MiB"')
    .transform((s) => {
      const [, amount, unit] = /^(\d+(?:\.\d+)?)\s*(\w+)$/.exec(s)!;
      return Math.floor(Number(amount) * units[unit!]!);
    }),
]);
