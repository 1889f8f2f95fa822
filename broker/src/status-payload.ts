const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A gateway's own status (birth message and Last Will on `hearth/v1/{gatewayId}/status`):
 * `online` / `offline`, or JSON `{"online": true|false}` (also `"online"` as a JSON string).
 * Returns null for anything else.
 */
export function parseStatusPayload(payload: Uint8Array | string): boolean | null {
  if (payload.length > 1024) return null;
  let text: string;
  try {
    text = (typeof payload === 'string' ? payload : utf8.decode(payload)).trim();
  } catch {
    return null;
  }
  const word = (s: unknown) => (s === 'online' ? true : s === 'offline' ? false : null);
  if (!text.startsWith('{') && !text.startsWith('"')) return word(text);
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === 'string') return word(json);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
      const { online, ...rest } = json as Record<string, unknown>;
      // `ts` is tolerated (many gateways stamp their birth messages); the broker's clock decides `at`.
      const extra = Object.keys(rest).filter((k) => k !== 'ts');
      return typeof online === 'boolean' && extra.length === 0 ? online : null;
    }
  } catch {
    // not JSON: fall through
  }
  return null;
}
