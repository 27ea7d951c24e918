/**
 * Masking of the timing-dependent parts of a kernprof-format text report, so tests can
 * assert everything else exactly (STYLE.md: "Mask the time columns and assert the rest
 * of kernprof's table exactly").
 */

/** The column header; its groups give each column's (possibly grown) width. */
const HEADER = /^( *Line #) ( *Hits) ( *Time) ( *Per Hit) ( *% Time) {2}Line Contents$/;
const TOTAL_TIME = /^Total time: \S+ s$/;
const SUMMARY_LINE = /^ *\S+ seconds - /;
/** Index of the first masked column (Time); Per Hit and % Time follow it. */
const FIRST_MASKED_COLUMN = 2;
const MASK = '#';

/**
 * Replaces what varies from run to run in a text report with `#` marks:
 * - `Total time: 0.165121 s` becomes `Total time: # s`;
 * - in each listing row, every non-blank Time, Per Hit and % Time cell becomes `#`
 *   repeated over the column's full width (blank cells stay blank, so a line that never
 *   ran still reads as one), whatever the digits were;
 * - each `--summarize` line's `%6.2f` seconds becomes `######`.
 *
 * Everything else is kept as it was: the timer unit, `File:`/`Function:` lines, the
 * header and ruler, line numbers, hits and line contents. Column widths come from each
 * table's header, so grown columns are handled; a width that itself depends on timing
 * (Per Hit past 8 characters, which needs `%5.3g` of a value ≥ 1e8 units) is not masked.
 * @param text A report produced by `formatTextReport` or the CLI.
 * @returns The masked report, same line count.
 */
export function maskReport(text: string): string {
  let widths: number[] | undefined;
  return text
    .split('\n')
    .map((line) => {
      const header = HEADER.exec(line);
      if (header) {
        widths = header.slice(1).map((cell) => cell.length);
        return line;
      }
      if (line === '') widths = undefined; // each table ends with a blank line
      if (widths && !line.startsWith('=')) return maskRow(line, widths);
      if (TOTAL_TIME.test(line)) return `Total time: ${MASK} s`;
      return line.replace(SUMMARY_LINE, `${MASK.repeat(6)} seconds - `);
    })
    .join('\n');
}

/** Masks the Time, Per Hit and % Time cells of one `%6s %9s %12s %8s %8s  %s` row. */
function maskRow(line: string, widths: number[]): string {
  let result = '';
  let start = 0;
  widths.forEach((width, column) => {
    const cell = line.slice(start, start + width);
    const masked = column >= FIRST_MASKED_COLUMN && cell.trim() !== '';
    result += (masked ? MASK.repeat(width) : cell) + line.slice(start + width, start + width + 1);
    start += width + 1;
  });
  return result + line.slice(start);
}
