import type { CreateApiKeyInput } from '$lib/api/types';

/** The create form as typed: text fields as text, empty number fields as null/undefined. */
export interface ApiKeyFormValues {
  name: string;
  scopes: string[];
  /** `<input type="datetime-local">` value, local time; empty for no expiry. */
  expiresAt: string;
  /** One per line or comma-separated. */
  allowedOrigins: string;
  allowedIps: string;
  ratePerMinute: number | null | undefined;
  dailyQuota: number | null | undefined;
}

export type FormErrors = Partial<Record<keyof ApiKeyFormValues, string>>;

export const emptyApiKeyForm = (): ApiKeyFormValues => ({
  name: '',
  scopes: [],
  expiresAt: '',
  allowedOrigins: '',
  allowedIps: '',
  ratePerMinute: null,
  dailyQuota: null,
});

export function parseList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/**
 * Checks what the browser can check and builds the mutation input; the gateway validates the
 * rest (origin and IP syntax) and its BAD_USER_INPUT message is shown as it comes. Fields left
 * empty are left out, so the gateway's defaults apply (no expiry, any origin or IP, its rate).
 */
export function toCreateApiKeyInput(values: ApiKeyFormValues, now: number): { input: CreateApiKeyInput } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Give the key a name that says who uses it.';
  if (values.scopes.length === 0) errors.scopes = 'Choose at least one scope.';
  let expiresAt: string | undefined;
  if (values.expiresAt) {
    const at = new Date(values.expiresAt).getTime();
    if (Number.isNaN(at)) errors.expiresAt = 'Not a valid date and time.';
    else if (at <= now) errors.expiresAt = 'The expiry must be in the future.';
    else expiresAt = new Date(at).toISOString();
  }
  const ratePerMinute = positiveInteger(values.ratePerMinute);
  if (ratePerMinute === false) errors.ratePerMinute = 'A whole number of requests, at least 1.';
  const dailyQuota = positiveInteger(values.dailyQuota);
  if (dailyQuota === false) errors.dailyQuota = 'A whole number of operations, at least 1.';
  if (Object.keys(errors).length > 0) return { errors };

  const input: CreateApiKeyInput = { name, scopes: values.scopes };
  const origins = parseList(values.allowedOrigins);
  const ips = parseList(values.allowedIps);
  if (expiresAt) input.expiresAt = expiresAt;
  if (origins.length) input.allowedOrigins = origins;
  if (ips.length) input.allowedIps = ips;
  if (typeof ratePerMinute === 'number') input.ratePerMinute = ratePerMinute;
  if (typeof dailyQuota === 'number') input.dailyQuota = dailyQuota;
  return { input };
}

/** undefined when empty, false when invalid. */
function positiveInteger(value: number | null | undefined): number | undefined | false {
  if (value === null || value === undefined || Number.isNaN(value)) return undefined;
  return Number.isInteger(value) && value >= 1 ? value : false;
}
