/**
 * CSV as RFC 4180 writes it (CRLF line ends, fields quoted when they hold a comma, a quote or a line break,
 * quotes doubled), with one addition: a cell a spreadsheet would run as a formula (starting with = + - @, or
 * a tab or carriage return that hides one) gets a leading `'`, so a caller's words never execute on the
 * exporting member's machine.
 */

export type Cell = string | number | boolean | null | undefined

const FORMULA = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return ''
  // Numbers are ours (durations, costs): a negative one is a number, not a formula.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  const text = FORMULA.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvRow(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',') + '\r\n'
}
