/**
 * Counts of a run per directory and mode, and their tables: passing plain, still passing,
 * newly failing, instrumenter throws (runs: a file run sloppy and strict counts twice).
 */
import type { FileResult } from './worker.js';

/** One row's counts for one mode. */
interface Counts {
  plain: number;
  still: number;
  failing: number;
  throws: number;
}

/** A run's failure in a mode, for `--list`. */
export interface Failure {
  mode: string;
  file: string;
  scenario: string;
  status: string;
  message: string;
}

/** The counts of a run, grouped by directory. */
export interface Tally {
  counts: Map<string, Map<string, Counts>>;
  failures: Failure[];
  timedOut: string[];
}

/** The directory a file is reported under: `language/expressions`, `annexB/language`, `built-ins/Promise`. */
export function groupOf(file: string): string {
  const parts = file.split('/').slice(1);
  return parts[0] === 'annexB' ? parts.slice(0, 2).join('/') : parts.slice(0, 2).join('/');
}

/** An empty tally for `modes`. */
export function createTally(): Tally {
  return { counts: new Map(), failures: [], timedOut: [] };
}

function countsOf(tally: Tally, group: string, mode: string): Counts {
  let byMode = tally.counts.get(group);
  if (!byMode) tally.counts.set(group, (byMode = new Map()));
  let counts = byMode.get(mode);
  if (!counts) byMode.set(mode, (counts = { plain: 0, still: 0, failing: 0, throws: 0 }));
  return counts;
}

/** Adds one file's result. */
export function addResult(tally: Tally, result: FileResult, modes: readonly string[], timedOut: boolean): void {
  if (timedOut) tally.timedOut.push(result.file);
  const group = groupOf(result.file);
  for (const run of result.scenarios) {
    if (run.plain.status !== 'pass') continue;
    for (const mode of modes) {
      const counts = countsOf(tally, group, mode);
      const outcome = run.modes[mode];
      counts.plain++;
      if (outcome?.status === 'pass') counts.still++;
      else if (outcome?.status === 'throws') counts.throws++;
      else counts.failing++;
      if (outcome && outcome.status !== 'pass') tally.failures.push({ mode, file: result.file, scenario: run.scenario, status: outcome.status, message: outcome.message });
    }
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]): string => `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

/** The tables, one per mode, with a total row; then the failures when `list` is set. */
export function formatTally(tally: Tally, modes: readonly string[], list: boolean): string {
  const groups = [...tally.counts.keys()].sort();
  const out: string[] = [];
  for (const mode of modes) {
    const total: Counts = { plain: 0, still: 0, failing: 0, throws: 0 };
    const rows = [['directory', 'passing plain', 'still passing', 'newly failing', 'instrumenter throws']];
    for (const group of groups) {
      const c = countsOf(tally, group, mode);
      for (const key of Object.keys(total) as (keyof Counts)[]) total[key] += c[key];
      rows.push([group, String(c.plain), String(c.still), String(c.failing), String(c.throws)]);
    }
    rows.push(['total', String(total.plain), String(total.still), String(total.failing), String(total.throws)]);
    out.push(`## mode ${mode}\n\n${table(rows)}\n`);
  }
  if (tally.timedOut.length > 0) out.push(`timed out or crashed (not counted): ${tally.timedOut.join(', ')}\n`);
  if (list) {
    for (const f of [...tally.failures].sort((a, b) => a.mode.localeCompare(b.mode) || a.file.localeCompare(b.file))) {
      out.push(`${f.mode} ${f.status} ${f.file} (${f.scenario}): ${f.message}`);
    }
  }
  return out.join('\n');
}
