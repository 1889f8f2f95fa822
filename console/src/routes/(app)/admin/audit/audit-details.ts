/**
 * An audit entry's details for reading: pretty-printed JSON, or null when there are none
 * (`{}` included). The field may arrive as JSON text or as a parsed value, depending on the
 * scalar; text that is not JSON is shown as it is.
 */
export function detailsText(details: unknown): string | null {
  let value = details;
  if (typeof details === 'string') {
    try {
      value = JSON.parse(details);
    } catch {
      return details || null;
    }
  }
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && Object.keys(value).length === 0) return null;
  return JSON.stringify(value, null, 2);
}
