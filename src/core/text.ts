/**
 * Which characters a visitor's text may hold. One rule for the form (which explains it before
 * sending) and the server (which refuses the same with the same message), so neither a name
 * nor a mail header can be made to read differently from what it is.
 */

/**
 * Invisible characters nobody types in a form but attackers use, refused in any text:
 * C0/C1 control characters (NUL breaks PostgreSQL text; tab, CR and LF are left to the
 * one-line rule), bidirectional overrides and isolates (they make a name or CSV cell read
 * differently from what it is), and UTF-16 surrogates without their partner (not representable
 * in UTF-8, so silently altered on storage).
 */
export const FORBIDDEN_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What a one-line field (a name, an organisation, a job title) may not hold on top of that:
 * line breaks of every kind (CR and LF split a mail header or body line; U+2028/2029 are
 * Unicode's own), tab, and the invisible marks that only change how text looks: bidi marks,
 * zero-width space, word joiner and byte-order mark. Zero-width (non-)joiners stay allowed:
 * scripts and emoji need them.
 */
export const LINE_BREAKS = /[\r\n\u2028\u2029\u0085]/;
export const INVISIBLE_IN_ONE_LINE = /[\t\u200B\u200E\u200F\u061C\u2060\uFEFF]/;

/** The message key for what is wrong with a one-line text, or undefined when it is fine. */
export function oneLineProblem(value: string): 'lineBreak' | 'invisibleCharacters' | undefined {
  if (LINE_BREAKS.test(value)) return 'lineBreak';
  if (FORBIDDEN_CHARACTERS.test(value) || INVISIBLE_IN_ONE_LINE.test(value)) return 'invisibleCharacters';
  return undefined;
}

/** The message key for what is wrong with a multi-line text (a remark), or undefined. */
export function multiLineProblem(value: string): 'invisibleCharacters' | undefined {
  return FORBIDDEN_CHARACTERS.test(value) ? 'invisibleCharacters' : undefined;
}
