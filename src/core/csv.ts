/** CSV as spreadsheets read it: quoted cells, CRLF, a byte-order mark so Excel reads UTF-8. */

/** A cell as text, quoted; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ''
      : Array.isArray(value)
        ? value.join(' ')
        : value instanceof Date
          ? value.toISOString()
          : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A whole file: a header row, then one row per record. */
export const csvFile = (header: readonly unknown[], rows: readonly (readonly unknown[])[]) =>
  `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
