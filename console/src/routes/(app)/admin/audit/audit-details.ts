/**
 * An audit entry's details for reading: pretty-printed JSON. The field may arrive as JSON text
 * or as a parsed value, depending on the scalar; text that is not JSON is shown as it is.
 */
export function detailsText(details: unknown): string | null {
  if (details === null || details === undefined || details === '') return null;
  if (typeof details !== 'string') return JSON.stringify(details, null, 2);
  try {
    return JSON.stringify(JSON.parse(details), null, 2);
  } catch {
    return details;
  }
}
