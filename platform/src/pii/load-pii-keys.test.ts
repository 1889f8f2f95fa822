import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GENERATED_KEY_FILE, loadPiiKeys, readPiiKeys } from './load-pii-keys';

// Lets a test play the other process: it runs just before the loader links its file into place.
const race = vi.hoisted(() => ({ beforeLink: null as null | ((path: string) => void) }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  return {
    ...fs,
    linkSync: (existing: string, path: string) => {
      race.beforeLink?.(path);
      fs.linkSync(existing, path);
    },
  };
});

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-pii-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  race.beforeLink = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const keyFile = (content: unknown) => {
  const path = join(tempDir(), 'keys.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const b64 = (bytes: number) => randomBytes(bytes).toString('base64');

describe('loadPiiKeys from a data directory', () => {
  it('creates pii-keys.json once, mode 0600, and gives the same key on the next call', () => {
    const dataDir = join(tempDir(), 'data');
    const first = readPiiKeys({ dataDir });
    const path = join(dataDir, GENERATED_KEY_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual([GENERATED_KEY_FILE]); // no temp file left behind
    const written = readFileSync(path, 'utf8');
    const second = readPiiKeys({ dataDir });
    expect(readFileSync(path, 'utf8')).toBe(written);
    expect(second).toEqual(first);
    expect(first.keys[first.current]).toHaveLength(32);
    expect(first.indexKey).toBe(first.current);
    const sealed = loadPiiKeys({ dataDir }).encrypt('13800000003');
    expect(loadPiiKeys({ dataDir }).decrypt(sealed)).toBe('13800000003');
  });

  it('when another process creates the file first, keeps and uses that one instead of replacing it', () => {
    const dataDir = tempDir();
    const theirs = { current: 'k1', indexKey: 'k1', keys: { k1: b64(32) } };
    race.beforeLink = (path) => writeFileSync(path, JSON.stringify(theirs), { mode: 0o600 });
    const keys = readPiiKeys({ dataDir });
    expect(keys.keys.k1?.toString('base64')).toBe(theirs.keys.k1);
    expect(JSON.parse(readFileSync(join(dataDir, GENERATED_KEY_FILE), 'utf8'))).toEqual(theirs);
    expect(readdirSync(dataDir)).toEqual([GENERATED_KEY_FILE]);
  });
});

describe('loadPiiKeys from a key file', () => {
  it('reads the docker-secret format, preferring it to the data directory', () => {
    const k1 = b64(32);
    const dataDir = tempDir();
    const keys = readPiiKeys({ keyFile: keyFile({ current: 'k1', keys: { k1 } }), dataDir });
    expect(keys.current).toBe('k1');
    expect(keys.keys.k1?.toString('base64')).toBe(k1);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a key that is not exactly 32 bytes', () => {
    expect(() => readPiiKeys({ keyFile: keyFile({ current: 'k1', keys: { k1: b64(31) } }) })).toThrow(/key "k1" is 31 bytes.*exactly 32/);
  });

  it('insists on indexKey once there are several keys', () => {
    const path = keyFile({ current: 'k2', keys: { k1: b64(32), k2: b64(32) } });
    expect(() => readPiiKeys({ keyFile: path })).toThrow(/several keys but no "indexKey"/);
    writeFileSync(path, JSON.stringify({ current: 'k2', indexKey: 'k1', keys: { k1: b64(32), k2: b64(32) } }));
    expect(readPiiKeys({ keyFile: path }).indexKey).toBe('k1');
  });

  it('does not quote the file when it is not JSON (it holds keys)', () => {
    const secret = b64(32);
    const error = (() => {
      try {
        readPiiKeys({ keyFile: keyFile(`{"keys": ${secret}`) });
      } catch (err) {
        return err as Error;
      }
      return null;
    })();
    expect(error?.message).toMatch(/not valid JSON/);
    expect(error?.message).not.toContain(secret.slice(0, 8));
  });
});

it('says which variable to set when given neither a key file nor a data directory', () => {
  expect(() => loadPiiKeys({})).toThrow(/HEARTH_PII_KEY_FILE/);
});
