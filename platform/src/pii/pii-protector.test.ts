import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PiiProtector } from './pii-protector';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const protector = new PiiProtector({ keys: { k1 }, current: 'k1' });

/** The stored text with one byte of its ciphertext (not the IV, not the tag) flipped. */
function flipCiphertextByte(stored: string): string {
  const [version, keyId, iv, body] = stored.split('.');
  const bytes = Buffer.from(body!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  return [version, keyId, iv, bytes.toString('base64url')].join('.');
}

describe('PiiProtector encryption', () => {
  it('decrypts what it encrypted, in the v1.<keyId>.<iv>.<ciphertext> form', () => {
    for (const plain of ['13800000003', '11010519491231002X', '张三 0571-88886666', '']) {
      const stored = protector.encrypt(plain);
      expect(stored).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/);
      expect(stored).not.toContain(plain || '\u0000');
      expect(protector.decrypt(stored)).toBe(plain);
    }
  });

  it('gives a different text each time for the same value (random IV)', () => {
    const a = protector.encrypt('13800000003');
    const b = protector.encrypt('13800000003');
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });

  it('throws, rather than return garbage, when one ciphertext byte is flipped', () => {
    const stored = protector.encrypt('13800000003');
    expect(() => protector.decrypt(flipCiphertextByte(stored))).toThrow(/failed authentication/);
  });

  it('throws when the header is edited to another key it holds, or the text is malformed', () => {
    const both = new PiiProtector({ keys: { k1, k2 }, current: 'k1', indexKey: 'k1' });
    const stored = both.encrypt('13800000003');
    expect(() => both.decrypt(stored.replace('v1.k1.', 'v1.k2.'))).toThrow(/failed authentication/);
    expect(() => both.decrypt('13800000003')).toThrow(/not a stored value/);
    expect(() => both.decrypt(`${stored}!`)).toThrow(/not a stored value/);
  });

  it('throws a clear error for a key id it does not hold', () => {
    const other = new PiiProtector({ keys: { k9: k2 }, current: 'k9' });
    expect(() => protector.decrypt(other.encrypt('13800000003'))).toThrow(/unknown key id "k9"/);
  });

  it('after rotation, opens values sealed under the old key and seals new ones under the new key', () => {
    const old = protector.encrypt('13800000003');
    const rotated = new PiiProtector({ keys: { k1, k2 }, current: 'k2', indexKey: 'k1' });
    expect(rotated.decrypt(old)).toBe('13800000003');
    const fresh = rotated.encrypt('13800000003');
    expect(fresh.startsWith('v1.k2.')).toBe(true);
    expect(() => protector.decrypt(fresh)).toThrow(/unknown key id "k2"/);
  });

  it('refuses keys that are not 32 bytes, bad key ids, and a current or index key it was not given', () => {
    expect(() => new PiiProtector({ keys: { k1: randomBytes(31) }, current: 'k1' })).toThrow(/31 bytes/);
    expect(() => new PiiProtector({ keys: { K1: k1 }, current: 'K1' })).toThrow(/key id/);
    expect(() => new PiiProtector({ keys: { k1 }, current: 'k2' })).toThrow(/current key "k2"/);
    expect(() => new PiiProtector({ keys: { k1 }, current: 'k1', indexKey: 'k0' })).toThrow(/index key "k0"/);
  });
});

describe('PiiProtector blind index', () => {
  it('is equal for values equal once normalised, 32 hex characters', () => {
    const index = protector.blindIndex('13800000003', 'customer-phone');
    expect(index).toMatch(/^[0-9a-f]{32}$/);
    expect(protector.blindIndex('138 0000 0003', 'customer-phone')).toBe(index);
    expect(protector.blindIndex('+138-0000-0003', 'phone')).toBe(protector.blindIndex('13800000003', 'phone'));
    expect(protector.blindIndex(' 11010519491231002x', 'id-number')).toBe(protector.blindIndex('11010519491231002X', 'id-number'));
  });

  it('differs across purposes and keys, and is not a plain hash', () => {
    const index = protector.blindIndex('13800000003', 'customer-phone');
    expect(protector.blindIndex('13800000003', 'supplier-phone')).not.toBe(index);
    expect(new PiiProtector({ keys: { k2 }, current: 'k2' }).blindIndex('13800000003', 'customer-phone')).not.toBe(index);
    expect(createHash('sha256').update('13800000003').digest('hex')).not.toContain(index);
  });

  it('stays the same across rotation: it derives from the index key, not from current', () => {
    const before = protector.blindIndex('13800000003', 'customer-phone');
    expect(new PiiProtector({ keys: { k1, k2 }, current: 'k2' }).blindIndex('13800000003', 'customer-phone')).toBe(before);
    expect(new PiiProtector({ keys: { k2, k1 }, current: 'k2', indexKey: 'k1' }).blindIndex('13800000003', 'customer-phone')).toBe(before);
  });

  it('refuses an empty value and a purpose that is not kebab-case', () => {
    expect(() => protector.blindIndex(' - ', 'phone')).toThrow(/empty/);
    expect(() => protector.blindIndex('13800000003', 'phone/fragment')).toThrow(/kebab-case/);
  });
});

describe('PiiProtector fragment search', () => {
  const tokens = protector.fragmentTokens('13800000003', 'customer-phone');
  const contains = (fragment: string, within = tokens) => protector.searchTokens(fragment, 'customer-phone')!.every((t) => within.includes(t));

  it('gives one 16-hex token per distinct run of 4 or more characters (36 for an 11-digit phone, fewer when runs repeat)', () => {
    const distinct = protector.fragmentTokens('13912345678', 'customer-phone');
    expect(distinct).toHaveLength(8 + 7 + 6 + 5 + 4 + 3 + 2 + 1);
    for (const t of distinct) expect(t).toMatch(/^[0-9a-f]{16}$/);
    // Of 13800000003's 4-runs, 0000 comes four times.
    expect(tokens.length).toBeLessThan(36);
  });

  it('matches a longer fragment only where it stands whole, not where its 4-grams sit apart', () => {
    // 13800000003 holds 0000 and 0003, and 00000003 itself; 13900001234 holds 0000 but not 00000003.
    expect(contains('00000003')).toBe(true);
    expect(contains('00000003', protector.fragmentTokens('13900001234', 'customer-phone'))).toBe(false);
    expect(contains('0003 0000')).toBe(false);
  });

  it('finds a phone by its last four, its middle or the whole number, and not by digits it lacks', () => {
    expect(contains('0003')).toBe(true);
    expect(contains('8000')).toBe(true);
    expect(contains('138 0000 0003')).toBe(true);
    expect(contains('9999')).toBe(false);
    expect(contains('8888', protector.fragmentTokens('0571-88886666', 'customer-phone'))).toBe(true);
  });

  it('says a fragment shorter than 4 (once normalised) is too short to search', () => {
    expect(protector.searchTokens('003', 'customer-phone')).toBeNull();
    expect(protector.searchTokens('0-0-3', 'customer-phone')).toBeNull();
    expect(protector.searchTokens('0003', 'customer-phone')).toHaveLength(1);
    expect(protector.searchTokens('12345678901234567', 'customer-phone')).toBeNull();
  });

  it('normalises ID number fragments (x matches X) and keeps its tokens apart from blind indexes', () => {
    const idTokens = protector.fragmentTokens('11010519491231002X', 'customer-id-number');
    expect(protector.searchTokens('002x', 'customer-id-number')!.every((t) => idTokens.includes(t))).toBe(true);
    expect(protector.blindIndex('0003', 'customer-phone')).not.toContain(protector.searchTokens('0003', 'customer-phone')![0]);
  });
});
