import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashSecret, unmatchableHash, verifySecret } from './secret-hash';

describe('hashSecret / verifySecret', () => {
  it('verifies the secret it hashed and nothing else', async () => {
    const hash = await hashSecret('correct horse');
    expect(await verifySecret('correct horse', hash)).toBe(true);
    expect(await verifySecret('correct horsE', hash)).toBe(false);
    expect(await verifySecret('', hash)).toBe(false);
  });

  it('writes a self-describing PHC string with a fresh salt each time', async () => {
    const [a, b] = await Promise.all([hashSecret('s'), hashSecret('s')]);
    expect(a).toMatch(/^\$scrypt\$ln=14,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('s$');
  });

  it('verifies hashes made with other parameters, read from the string', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('old secret', salt, 32, { N: 2 ** 10, r: 4, p: 2 });
    const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
    const hash = `$scrypt$ln=10,r=4,p=2$${b64(salt)}$${b64(key)}`;
    expect(await verifySecret('old secret', hash)).toBe(true);
    expect(await verifySecret('old secret', hash.replace('p=2', 'p=1'))).toBe(false);
  });

  it.each([
    '',
    'plain-text-secret',
    '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
    '$scrypt$ln=40,r=8,p=1$MDEyMzQ1Njc4OWFiY2RlZg$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY',
  ])('says no (and does not throw) for a malformed or unsupported hash %#', async (hash) => {
    expect(await verifySecret('plain-text-secret', hash)).toBe(false);
  });

  it('has an unmatchable hash that is well-formed (so unknown gateways cost a full verification)', async () => {
    expect(await verifySecret('', unmatchableHash())).toBe(false);
    expect(unmatchableHash()).toMatch(/^\$scrypt\$ln=14,/);
  });
});
