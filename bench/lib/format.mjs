/** Plain-text formatting of the benchmark reports. */

/**
 * A duration with a readable unit: `38.2 ns`, `6.10 µs`, `1.23 ms`.
 * @param {number} ns
 * @returns {string}
 */
export function formatTime(ns) {
  const units = [
    [1e6, 'ms'],
    [1e3, 'µs'],
  ];
  for (const [scale, unit] of units) {
    if (Math.abs(ns) >= scale) return `${(ns / scale).toPrecision(3)} ${unit}`;
  }
  return `${ns.toFixed(1)} ns`;
}

/**
 * An aligned table: first column left-aligned, the others right-aligned.
 * @param {string[]} header
 * @param {string[][]} rows
 * @returns {string}
 */
export function formatTable(header, rows) {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const line = (row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [header, ...rows].map(line).join('\n');
}
