// RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled, rows end in CRLF.

export type CsvValue = string | number | null | undefined;

/** Numbers in full precision (shortest round-trip form); NaN and infinities as spreadsheets and pandas read them. */
function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value);
}

/** Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe: run names
 *  can come from an imported file, and opening an export must not execute what someone else typed. */
function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? numberText(value) : safeText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
