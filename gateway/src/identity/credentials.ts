import { randomBytes } from 'node:crypto';

/**
 * The shapes of what Hearth issues, so a leaked string is recognisable (secret scanners can
 * match the prefixes) and the lookup part never touches the secret:
 *  - API key `hk_<prefix>_<secret>`: the prefix finds the row, the secret's digest must match;
 *  - session access token `hsa_<session id>_<secret>`, refresh token `hsr_<session id>_<secret>`.
 */
export type Credential = { kind: 'apiKey'; prefix: string; secret: string } | { kind: 'access' | 'refresh'; sessionId: string; secret: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SECRET = '[A-Za-z0-9_-]{43}';
const API_KEY = new RegExp(`^hk_([a-z0-9]{12})_(${SECRET})$`);
const SESSION = new RegExp(`^(hsa|hsr)_(${UUID})_(${SECRET})$`);

export function parseCredential(text: string): Credential | undefined {
  const key = API_KEY.exec(text);
  if (key) return { kind: 'apiKey', prefix: key[1]!, secret: key[2]! };
  const session = SESSION.exec(text);
  if (session) return { kind: session[1] === 'hsa' ? 'access' : 'refresh', sessionId: session[2]!, secret: session[3]! };
  return undefined;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
export function newKeyPrefix(): string {
  return [...randomBytes(12)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

export const formatApiKey = (prefix: string, secret: string) => `hk_${prefix}_${secret}`;
export const formatSessionToken = (kind: 'access' | 'refresh', sessionId: string, secret: string) =>
  `${kind === 'access' ? 'hsa' : 'hsr'}_${sessionId}_${secret}`;

/** `Authorization: Bearer <credential>` or `x-api-key: <key>`; the same names over graphql-ws. */
export function credentialFrom(values: Record<string, unknown>): string | undefined {
  const authorization = values.authorization ?? values.Authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return match ? match[1] : authorization.trim();
  }
  const apiKey = values['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}
