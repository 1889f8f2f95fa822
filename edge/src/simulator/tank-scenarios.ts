/**
 * How a simulated tank's level moves, one step per tick. Levels are in millimetres of a
 * tank of the given height; rates are per second of simulated time.
 */
export type TankScenario = 'filling' | 'draining' | 'delivery' | 'leak' | 'overfill' | 'steady';

export interface SimulatedTank {
  id: string;
  scenario: TankScenario;
  heightMm: number;
  /** Where the level starts, as a fraction of the height. */
  start: number;
  /** The level that raises HH, for the overfill scenario. */
  highHighMm?: number;
}

export interface TankMotion {
  levelMm: number;
  phase: number;
}

/** Next level after `dt` seconds; `t` is seconds since the simulation started. */
export function stepLevel(tank: SimulatedTank, motion: TankMotion, t: number, dt: number): TankMotion {
  const h = tank.heightMm;
  let { levelMm, phase } = motion;
  switch (tank.scenario) {
    case 'filling':
      // Fill at 6 mm/s to 80 %, rest, then draw down to 40 % and fill again.
      if (phase === 0) levelMm += 6 * dt;
      else levelMm -= 3 * dt;
      if (levelMm >= 0.8 * h) phase = 1;
      if (levelMm <= 0.4 * h) phase = 0;
      break;
    case 'draining':
      // Customers draw 2 mm/s; a refill at 25 % brings it back to 70 %.
      levelMm += phase === 0 ? -2 * dt : 12 * dt;
      if (levelMm <= 0.25 * h) phase = 1;
      if (levelMm >= 0.7 * h) phase = 0;
      break;
    case 'delivery': {
      // Slow draw, and every 3 minutes a road tanker delivers for 40 s.
      const inDelivery = t % 180 >= 60 && t % 180 < 100;
      levelMm += inDelivery ? 15 * dt : -0.8 * dt;
      break;
    }
    case 'leak':
      // A slow, steady loss with no sales: what book-vs-measured reconciliation must catch.
      levelMm -= 0.25 * dt;
      break;
    case 'overfill': {
      // Rise past HH, hold, fall back below it: the alarm raises and clears.
      const hh = tank.highHighMm ?? 0.9 * h;
      if (phase === 0) levelMm += 5 * dt;
      else levelMm -= 5 * dt;
      if (levelMm >= hh + 60) phase = 1;
      if (levelMm <= hh - 300) phase = 0;
      break;
    }
    case 'steady':
      break;
  }
  return { levelMm: Math.min(Math.max(levelMm, 0), h), phase };
}

/** Product temperature: a daily swing around 15 °C (tanks lag the air). */
export const temperatureAt = (date: Date): number => 15 + 6 * Math.sin(((date.getUTCHours() + date.getUTCMinutes() / 60 - 9) / 24) * 2 * Math.PI);

/**
 * LPG vapour pressure (gauge, kPa) at a temperature, for a propane-rich mix: roughly
 * 650 kPa at 15 °C rising about 22 kPa per kelvin in the usual range.
 */
export const vapourPressureKPa = (temperatureC: number): number => 650 + 22 * (temperatureC - 15);
