import { describe, expect, it } from 'vitest';
import { amountForVolumeFloor, decideCardAuthorization, normalisePlate, type AuthRequestFacts, type CardFacts, type CardLimitUse } from './fuel-card-rules';

const SH = 'Asia/Shanghai';
const card = (over: Partial<CardFacts> = {}): CardFacts => ({
  status: 'ACTIVE',
  blacklisted: false,
  expiresOn: null,
  allowedGrades: null,
  allowedStations: null,
  plate: null,
  limits: [],
  availableMinor: 1_000_000,
  ...over,
});
const request = (over: Partial<AuthRequestFacts> = {}): AuthRequestFacts => ({
  gradeCode: '92',
  stationId: 'st-1',
  plate: null,
  presetMinor: null,
  unitPriceMinor: 750, // ¥7.50 a litre
  at: new Date('2026-06-15T04:00:00Z'), // 12:00 in Shanghai
  timeZone: SH,
  ...over,
});
const limit = (over: Partial<CardLimitUse>): CardLimitUse => ({
  period: 'DAY',
  maxAmountMinor: null,
  maxVolumeMl: null,
  usedAmountMinor: 0,
  usedVolumeMl: 0,
  scope: 'CARD',
  ...over,
});
const reasonOf = (c: CardFacts | null, r: AuthRequestFacts = request()) => {
  const d = decideCardAuthorization(c, r);
  return d.action === 'REFUSE' ? d.reason : null;
};

describe('decideCardAuthorization: the card itself', () => {
  it('refuses an unknown card', () => {
    expect(decideCardAuthorization(null, request())).toEqual({ action: 'REFUSE', reason: 'CARD_UNKNOWN', limitMinor: 0 });
  });

  it('refuses each status other than ACTIVE with its own reason', () => {
    expect(reasonOf(card({ status: 'LOST' }))).toBe('CARD_LOST');
    expect(reasonOf(card({ status: 'BLOCKED' }))).toBe('CARD_BLOCKED');
    expect(reasonOf(card({ status: 'REPLACED' }))).toBe('CARD_REPLACED');
    expect(reasonOf(card({ status: 'CANCELLED' }))).toBe('CARD_CANCELLED');
  });

  it('refuses an active card that is on the blacklist', () => {
    expect(reasonOf(card({ blacklisted: true }))).toBe('CARD_BLACKLISTED');
  });

  it('accepts a card through its expiry day in the tenant zone and refuses it from the next midnight', () => {
    expect(reasonOf(card({ expiresOn: '2026-06-15' }), request({ at: new Date('2026-06-15T15:59:59Z') }))).toBeNull();
    expect(reasonOf(card({ expiresOn: '2026-06-15' }), request({ at: new Date('2026-06-15T16:00:00Z') }))).toBe('CARD_EXPIRED');
  });

  it('refuses a grade the card may not buy, and a grade-restricted card before the grade is known', () => {
    expect(reasonOf(card({ allowedGrades: ['0'] }))).toBe('GRADE_NOT_ALLOWED');
    expect(reasonOf(card({ allowedGrades: ['92'] }), request({ gradeCode: null }))).toBe('GRADE_NOT_ALLOWED');
    expect(reasonOf(card({ allowedGrades: ['92', '95'] }))).toBeNull();
  });

  it('refuses a station the card may not use', () => {
    expect(reasonOf(card({ allowedStations: ['st-2'] }))).toBe('STATION_NOT_ALLOWED');
    expect(reasonOf(card({ allowedStations: ['ST-1'] }))).toBeNull();
  });

  it('refuses a plate-bound card without the same plate, however the plate is written', () => {
    expect(reasonOf(card({ plate: '粤B·12345' }))).toBe('PLATE_MISMATCH');
    expect(reasonOf(card({ plate: '粤B·12345' }), request({ plate: '粤B12346' }))).toBe('PLATE_MISMATCH');
    expect(reasonOf(card({ plate: '粤B·12345' }), request({ plate: ' 粤b 12345 ' }))).toBeNull();
  });

  it('refuses a card with a volume cap when the price is unknown, but not one with money caps only', () => {
    expect(reasonOf(card({ limits: [limit({ maxVolumeMl: 100_000 })] }), request({ unitPriceMinor: null }))).toBe('NO_PRICE');
    expect(reasonOf(card({ limits: [limit({ maxAmountMinor: 50_000 })] }), request({ unitPriceMinor: null }))).toBeNull();
  });

  it('reports the most fundamental refusal first', () => {
    const bad = card({
      status: 'LOST',
      blacklisted: true,
      expiresOn: '2020-01-01',
      allowedGrades: ['0'],
      allowedStations: ['st-9'],
      plate: '京A00001',
      limits: [limit({ maxVolumeMl: 1 })],
      availableMinor: 0,
    });
    const r = request({ unitPriceMinor: null });
    const order = ['CARD_LOST', 'CARD_BLACKLISTED', 'CARD_EXPIRED', 'GRADE_NOT_ALLOWED', 'STATION_NOT_ALLOWED', 'PLATE_MISMATCH', 'NO_PRICE', 'LIMIT_REACHED'];
    const fixes: Partial<CardFacts>[] = [
      { status: 'ACTIVE' },
      { blacklisted: false },
      { expiresOn: null },
      { allowedGrades: null },
      { allowedStations: null },
      { plate: null },
    ];
    let c = bad;
    expect(reasonOf(c, r)).toBe(order[0]);
    fixes.forEach((fix, i) => {
      c = { ...c, ...fix };
      expect(reasonOf(c, r)).toBe(order[i + 1]);
    });
    expect(reasonOf(c, request())).toBe('LIMIT_REACHED');
    expect(reasonOf({ ...c, limits: [] }, request())).toBe('INSUFFICIENT_FUNDS');
  });
});

describe('decideCardAuthorization: how much', () => {
  const daily = (used: number) => card({ limits: [limit({ maxAmountMinor: 50_000, usedAmountMinor: used })] });

  it('authorises what a money limit has left, to the fen', () => {
    expect(decideCardAuthorization(daily(20_000), request())).toEqual({ action: 'AUTHORIZE', limitMinor: 30_000 });
  });

  it('refuses a limit 1 fen from its cap, and one exactly at or over it, as LIMIT_REACHED', () => {
    for (const used of [49_999, 50_000, 50_001])
      expect(decideCardAuthorization(daily(used), request())).toMatchObject({ action: 'REFUSE', reason: 'LIMIT_REACHED' });
  });

  it('authorises exactly the minimum and refuses 1 fen less', () => {
    expect(decideCardAuthorization(daily(49_900), request())).toEqual({ action: 'AUTHORIZE', limitMinor: 100 });
    expect(decideCardAuthorization(daily(49_901), request())).toMatchObject({ reason: 'LIMIT_REACHED' });
    expect(decideCardAuthorization(daily(49_999), request(), { minimumMinor: 1 })).toEqual({ action: 'AUTHORIZE', limitMinor: 1 });
  });

  it('says whose limit was reached', () => {
    const c = card({
      limits: [limit({ maxAmountMinor: 50_000, usedAmountMinor: 1_000 }), limit({ maxAmountMinor: 10_000, usedAmountMinor: 10_000, scope: 'MASTER' })],
    });
    expect(decideCardAuthorization(c, request())).toEqual({ action: 'REFUSE', reason: 'LIMIT_REACHED', limitMinor: 0, limitScope: 'MASTER' });
  });

  it('prices a volume cap at the unit price, rounded down to the fen', () => {
    // 10.001 L left at ¥7.50: 7500.75 fen → 7500; at ¥7.99: 7990.799 → 7990.
    const c = card({ limits: [limit({ maxVolumeMl: 60_000, usedVolumeMl: 49_999 })] });
    expect(decideCardAuthorization(c, request())).toEqual({ action: 'AUTHORIZE', limitMinor: 7_500 });
    expect(decideCardAuthorization(c, request({ unitPriceMinor: 799 }))).toEqual({ action: 'AUTHORIZE', limitMinor: 7_990 });
    expect(amountForVolumeFloor(999, 799)).toBe(798);
  });

  it('refuses a volume cap with too little left to buy the minimum', () => {
    // 133 ml at ¥7.50 is 99.75 fen → 99 < 100; 134 ml is 100.5 → 100.
    const left = (ml: number) => card({ limits: [limit({ maxVolumeMl: 100_000, usedVolumeMl: 100_000 - ml })] });
    expect(decideCardAuthorization(left(133), request())).toMatchObject({ reason: 'LIMIT_REACHED' });
    expect(decideCardAuthorization(left(134), request())).toEqual({ action: 'AUTHORIZE', limitMinor: 100 });
  });

  it('authorises no more than the account can pay, and refuses below the minimum as INSUFFICIENT_FUNDS', () => {
    expect(decideCardAuthorization(card({ availableMinor: 12_345 }), request())).toEqual({ action: 'AUTHORIZE', limitMinor: 12_345 });
    expect(decideCardAuthorization(card({ availableMinor: 99 }), request())).toMatchObject({ reason: 'INSUFFICIENT_FUNDS' });
    expect(decideCardAuthorization(card({ availableMinor: -5_000 }), request())).toMatchObject({ reason: 'INSUFFICIENT_FUNDS' });
  });

  it('blames the limit when the limit and the money are equally short', () => {
    expect(decideCardAuthorization(card({ availableMinor: 50, limits: [limit({ maxAmountMinor: 50 })] }), request())).toMatchObject({
      reason: 'LIMIT_REACHED',
    });
  });

  it('authorises the preset when the card can pay it, even a preset below the minimum', () => {
    expect(decideCardAuthorization(daily(0), request({ presetMinor: 20_000 }))).toEqual({ action: 'AUTHORIZE', limitMinor: 20_000 });
    expect(decideCardAuthorization(daily(0), request({ presetMinor: 50 }))).toEqual({ action: 'AUTHORIZE', limitMinor: 50 });
    expect(decideCardAuthorization(daily(40_000), request({ presetMinor: 20_000 }))).toEqual({ action: 'AUTHORIZE', limitMinor: 10_000 });
  });

  it('rejects money that is not an integer, rather than authorise a fraction of a fen', () => {
    expect(() => decideCardAuthorization(card({ availableMinor: 100.5 }), request())).toThrow(RangeError);
    expect(() => decideCardAuthorization(card(), request({ presetMinor: 0 }))).toThrow(RangeError);
    expect(() => decideCardAuthorization(card({ limits: [limit({ maxVolumeMl: 1_000 })] }), request({ unitPriceMinor: 7.5 }))).toThrow(RangeError);
  });
});

describe('normalisePlate', () => {
  it('drops separators and spaces, folds case and full-width forms', () => {
    expect(normalisePlate('粤B·12345')).toBe('粤B12345');
    expect(normalisePlate(' 粤b-123 45 ')).toBe('粤B12345');
    expect(normalisePlate('京Ａ・Ｆ0236')).toBe('京AF0236');
  });
});
