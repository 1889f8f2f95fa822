import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkPiiKeys, PII_KEY_BYTES, type PiiKeys } from './pii-keys';
import { PiiProtector } from './pii-protector';

export interface PiiKeyConfig {
  /** HEARTH_PII_KEY_FILE: `{ "current": "k1", "keys": { "k1": "<base64 of 32 bytes>" } }`, as a docker secret holds it. */
  keyFile?: string;
  /** HEARTH_DATA_DIR: on a single machine, where a generated key is kept when no key file is configured. */
  dataDir?: string;
}

export const GENERATED_KEY_FILE = 'pii-keys.json';

/** The protector for the configured keys, ready to hand to a service; see readPiiKeys. */
export const loadPiiKeys = (config: PiiKeyConfig): PiiProtector => new PiiProtector(readPiiKeys(config));

/**
 * The keys personal data is sealed with, read once at start (synchronously, like the rest of the
 * configuration). A key file with several keys must
 * name `indexKey` (see PiiKeys): the moment someone adds a key to rotate is the moment to decide
 * it, not something to leave to property order.
 *
 * The generated file is for the embedded single-machine stack only: instances that share a
 * database must share a key file, or each seals values the others cannot open.
 */
export function readPiiKeys(config: PiiKeyConfig): PiiKeys {
  if (config.keyFile) return readKeyFile(config.keyFile, readFileSync(config.keyFile, 'utf8'));
  if (config.dataDir) return readOrCreate(join(config.dataDir, GENERATED_KEY_FILE));
  throw new Error(
    'No key to encrypt personal data with: set HEARTH_PII_KEY_FILE to a JSON file {"current":"k1","keys":{"k1":"<base64>"}} ' +
      '(make a key with `openssl rand -base64 32`), or HEARTH_DATA_DIR to keep a generated key on this machine.',
  );
}

function readOrCreate(path: string): PiiKeys {
  const existing = readIfExists(path);
  if (existing !== undefined) return readKeyFile(path, existing);
  mkdirSync(dirname(path), { recursive: true });
  const id = `k${randomBytes(4).toString('hex').slice(0, 7)}`; // random, so two stray key files fail as "unknown key id", not as tampering
  const body = `${JSON.stringify({ current: id, indexKey: id, keys: { [id]: randomBytes(PII_KEY_BYTES).toString('base64') } }, null, 2)}\n`;
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeFileSync(fd, body);
    fsyncSync(fd); // a key lost in a crash is every value sealed with it lost
  } finally {
    closeSync(fd);
  }
  // link, not rename: rename replaces, so of two processes racing here the first would go on with
  // a key the file no longer holds. link fails with EEXIST instead, and the loser reads the winner's.
  try {
    linkSync(temp, path);
    syncDirectory(dirname(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(temp);
  }
  return readKeyFile(path, readFileSync(path, 'utf8'));
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory; the file itself was synced.
  }
}

function readKeyFile(path: string, text: string): PiiKeys {
  const fail = (problem: string) => new Error(`PII key file ${path}: ${problem}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON.parse's message: it quotes the text, which holds keys.
    throw fail('is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null) throw fail('must hold an object {"current": …, "keys": {…}}.');
  const { current, keys, indexKey } = parsed as Record<string, unknown>;
  if (typeof current !== 'string') throw fail('"current" must name the key new values are encrypted with.');
  if (indexKey !== undefined && typeof indexKey !== 'string') throw fail('"indexKey" must be a key id.');
  if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) throw fail('"keys" must map key ids to base64 keys.');
  const entries = Object.entries(keys);
  if (entries.length > 1 && indexKey === undefined)
    throw fail(
      'holds several keys but no "indexKey": add "indexKey" naming the key the blind indexes were computed with (the first key, if it was never set).',
    );
  const buffers: Record<string, Buffer> = {};
  for (const [id, value] of entries) {
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) throw fail(`key "${id}" is not base64.`);
    buffers[id] = Buffer.from(value, 'base64'); // its length is checked with the rest, below
  }
  const result: PiiKeys = { keys: buffers, current, ...(indexKey === undefined ? {} : { indexKey }) };
  try {
    checkPiiKeys(result);
  } catch (err) {
    throw fail((err as Error).message);
  }
  return result;
}
