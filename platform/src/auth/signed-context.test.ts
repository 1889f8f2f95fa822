import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as edSign } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { CallerContext } from '../context/caller-context';
import { ContextSigner, ContextVerifier, generateContextKeys } from './signed-context';

const keys = generateContextKeys();
const signer = new ContextSigner(keys.privateKeyPem);
const caller: CallerContext = { tenantId: 't-1', requestId: 'r-1', principal: { kind: 'apiKey', id: 'k-1' }, scopes: ['tanks:read'] };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = (now: number, extra: Record<string, unknown> = {}) => ({
  tid: 't-1',
  rid: 'r-1',
  knd: 'apiKey',
  scp: ['tanks:read'],
  sub: 'k-1',
  iss: 'hearth-gateway',
  aud: 'hearth-subgraphs',
  iat: Math.floor(now / 1000),
  exp: Math.floor(now / 1000) + 60,
  ...extra,
});
/** A token signed with the real key but built by hand, to try headers and claims the signer never writes. */
const forge = (header: unknown, payload: unknown) => {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${edSign(null, Buffer.from(input), keys.privateKeyPem).toString('base64url')}`;
};

describe('signed caller context', () => {
  it('verifies what the gateway signed, with the caller unchanged', async () => {
    expect(await new ContextVerifier(keys.publicKeyPem).verify(await signer.sign(caller))).toEqual(caller);
  });

  it('is a standard EdDSA JWS: other JOSE implementations read ours and we read theirs', async () => {
    const { payload } = await jwtVerify(await signer.sign(caller), createPublicKey(keys.publicKeyPem), {
      issuer: 'hearth-gateway',
      audience: 'hearth-subgraphs',
    });
    expect(payload).toMatchObject({ tid: 't-1', sub: 'k-1', scp: ['tanks:read'] });
    const theirs = await new SignJWT({ tid: 't-1', rid: 'r-1', knd: 'apiKey', scp: ['tanks:read'] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('k-1')
      .setIssuer('hearth-gateway')
      .setAudience('hearth-subgraphs')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(createPrivateKey(keys.privateKeyPem));
    expect(await new ContextVerifier(keys.publicKeyPem).verify(theirs)).toEqual(caller);
  });

  it('refuses a changed payload, another key’s signature, and a truncated token', async () => {
    const verifier = new ContextVerifier(keys.publicKeyPem);
    const token = await signer.sign(caller);
    const [header, , signature] = token.split('.');
    const widened = `${header}.${b64({ ...claims(Date.now()), scp: ['*:write'] })}.${signature}`;
    await expect(verifier.verify(widened)).rejects.toThrow('does not verify');
    const other = await new ContextSigner(generateContextKeys().privateKeyPem).sign(caller);
    await expect(verifier.verify(other)).rejects.toThrow('does not verify');
    await expect(verifier.verify(token.split('.').slice(0, 2).join('.'))).rejects.toThrow('does not verify');
    await expect(verifier.verify(undefined)).rejects.toThrow('no x-hearth-context');
  });

  it('accepts no header but its own: no `alg: none`, no other algorithm, no `crit`', async () => {
    const verifier = new ContextVerifier(keys.publicKeyPem);
    const payload = claims(Date.now());
    await expect(verifier.verify(`${b64({ alg: 'none' })}.${b64(payload)}.`)).rejects.toThrow('does not verify');
    await expect(verifier.verify(forge({ alg: 'HS256' }, payload))).rejects.toThrow('does not verify');
    await expect(verifier.verify(forge({ alg: 'EdDSA', crit: ['exp'] }, payload))).rejects.toThrow('does not verify');
    expect(await verifier.verify(forge({ alg: 'EdDSA' }, payload))).toEqual(caller);
  });

  it('refuses other issuers and audiences and contexts without the caller’s claims', async () => {
    const verifier = new ContextVerifier(keys.publicKeyPem);
    const now = Date.now();
    await expect(verifier.verify(forge({ alg: 'EdDSA' }, claims(now, { iss: 'someone' })))).rejects.toThrow('lacks required claims');
    await expect(verifier.verify(forge({ alg: 'EdDSA' }, claims(now, { aud: 'elsewhere' })))).rejects.toThrow('lacks required claims');
    await expect(verifier.verify(forge({ alg: 'EdDSA' }, claims(now, { tid: undefined })))).rejects.toThrow('lacks required claims');
    await expect(verifier.verify(forge({ alg: 'EdDSA' }, claims(now, { exp: undefined })))).rejects.toThrow('lacks required claims');
    expect(await verifier.verify(forge({ alg: 'EdDSA' }, claims(now, { aud: ['x', 'hearth-subgraphs'] })))).toEqual(caller);
  });

  it('expires after its TTL plus 5 s of clock tolerance, also once cached', async () => {
    const now = Date.now();
    const token = await new ContextSigner(keys.privateKeyPem, 1).sign(caller, now);
    const verifier = new ContextVerifier(keys.publicKeyPem);
    expect(await verifier.verify(token, now)).toEqual(caller);
    expect(await verifier.verify(token, now + 5_000)).toEqual(caller);
    await expect(verifier.verify(token, now + 7_000)).rejects.toThrow('has expired');
    await expect(new ContextVerifier(keys.publicKeyPem).verify(token, now + 7_000)).rejects.toThrow('has expired');
    await expect(new ContextVerifier(keys.publicKeyPem).verify(forge({ alg: 'EdDSA' }, claims(now, { nbf: now / 1000 + 60 })), now)).rejects.toThrow(
      'not valid yet',
    );
  });

  it('refuses keys that are not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() => new ContextSigner(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow('Ed25519');
    expect(() => new ContextVerifier(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toThrow('Ed25519');
  });
});
