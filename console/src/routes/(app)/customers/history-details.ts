/**
 * A history entry's details (JSON text) as lines to read: a change as `field: before → after`
 * per field (`{ before, after }` from the audit log, groups flattened to `group.field`), anything
 * else (a new record, a read of personal data) as `field: value`, leaving out empty fields.
 * Field names stay the API's: they are what an export or a support ticket would quote.
 */
export type DetailLine = { field: string; before: string; after: string } | { field: string; value: string };

type Fields = Record<string, unknown>;
const isGroup = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value as text: strings as they are, lists joined, nothing as a dash. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  return JSON.stringify(value);
}

function flatten(fields: Fields, prefix = ''): [string, unknown][] {
  return Object.entries(fields).flatMap(([key, value]): [string, unknown][] =>
    isGroup(value) ? flatten(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

export function historyDetails(details: string): DetailLine[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return details ? [{ field: '', value: details }] : [];
  }
  if (!isGroup(parsed)) return parsed === null ? [] : [{ field: '', value: valueText(parsed) }];
  const { before, after } = parsed;
  if (isGroup(before) && isGroup(after) && Object.keys(parsed).length === 2) {
    const was = new Map(flatten(before));
    return flatten(after).map(([field, value]) => ({ field, before: valueText(was.get(field)), after: valueText(value) }));
  }
  return flatten(parsed)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([field, value]) => ({ field, value: valueText(value) }));
}
