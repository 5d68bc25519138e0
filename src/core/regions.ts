/**
 * CBS youth-care regions ("jeugdregio's") of 2025: the codes a feed may use for facilitators
 * and labels. The names live in the map geometry, so only the codes ship with every widget.
 */
export const JEUGDREGIO_CODE_PATTERN = /^JZ\d{2}$/;

/** JZ01–JZ43; there is no JZ40 (CBS retired it). */
export const JEUGDREGIO_CODES: readonly string[] = Array.from(
  { length: 43 },
  (_, i) => `JZ${String(i + 1).padStart(2, '0')}`,
).filter((code) => code !== 'JZ40');

/**
 * Codes that have the right form but name no region of 2025. They are not a schema error:
 * one typo must not take the calendar and the form down with it; the map reports them.
 */
export function unknownRegionCodes(codes: Iterable<string>): string[] {
  const known = new Set(JEUGDREGIO_CODES);
  return [...new Set(codes)].filter((code) => !known.has(code));
}
