import { clockIn } from '../bridge/drivers/dlt645/meter-command';

/**
 * What a simulated meter draws through the day, in kW at a local time: a shop lit and cooled while the
 * mall is open, a restaurant's two services, a home's mornings and evenings, an office's working day,
 * or a constant load. Each holds a small standby outside its hours; `peakKw` scales it.
 */
export type LoadProfile =
  { kind: 'shop' | 'restaurant' | 'home' | 'office'; peakKw: number; timeZone?: string } | { kind: 'constant'; kw: number } | ((at: Date) => number);

/** Share of the peak by hour of the day (0-23), per kind. */
const shape: Record<'shop' | 'restaurant' | 'home' | 'office', (hour: number, weekend: boolean) => number> = {
  shop: (h) => (h >= 10 && h < 22 ? 0.85 : 0.06),
  restaurant: (h) => (h >= 11 && h < 14 ? 1 : h >= 17 && h < 21 ? 0.95 : h >= 9 && h < 22 ? 0.35 : 0.08),
  home: (h) => (h >= 7 && h < 9 ? 0.6 : h >= 18 && h < 23 ? 1 : h >= 9 && h < 18 ? 0.25 : 0.12),
  office: (h, weekend) => (!weekend && h >= 8 && h < 18 ? 0.9 : 0.05),
};

/** The load at `at`, in kW, before noise. */
export function loadKw(profile: LoadProfile, at: Date): number {
  if (typeof profile === 'function') return Math.max(0, profile(at));
  if (profile.kind === 'constant') return profile.kw;
  const clock = clockIn(at, profile.timeZone ?? 'Asia/Shanghai');
  const weekday = new Date(Date.UTC(clock.year, clock.month - 1, clock.day)).getUTCDay();
  return profile.peakKw * shape[profile.kind](clock.hour, weekday === 0 || weekday === 6);
}
