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

/** What is wrong with a field; the form words it in the viewer's language. */
export type FormProblem = 'nameMissing' | 'noScope' | 'invalidDate' | 'pastDate' | 'invalidRate' | 'invalidQuota';
export type FormErrors = Partial<Record<keyof ApiKeyFormValues, FormProblem>>;

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
  if (!name) errors.name = 'nameMissing';
  if (values.scopes.length === 0) errors.scopes = 'noScope';
  let expiresAt: string | undefined;
  if (values.expiresAt) {
    const at = new Date(values.expiresAt).getTime();
    if (Number.isNaN(at)) errors.expiresAt = 'invalidDate';
    else if (at <= now) errors.expiresAt = 'pastDate';
    else expiresAt = new Date(at).toISOString();
  }
  const ratePerMinute = positiveInteger(values.ratePerMinute);
  if (ratePerMinute === false) errors.ratePerMinute = 'invalidRate';
  const dailyQuota = positiveInteger(values.dailyQuota);
  if (dailyQuota === false) errors.dailyQuota = 'invalidQuota';
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
