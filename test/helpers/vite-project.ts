/**
 * Helpers for the Vite, browser and Vitest tests of the build plugins (issue 5): fixture
 * projects with `linecount`, `vite` and `vitest` installed (links to the workspace's),
 * and kernprof reports taken apart into rows.
 */
import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { REPO, createProject } from './cli.js';
import { linkPackage } from './register.js';

/** Creates a temporary copy of `test/fixtures/plugins/<fixture>` with its packages linked. */
export function createViteProject(fixture: string): string {
  const dir = createProject({}, `plugins/${fixture}`);
  const modules = path.join(dir, 'node_modules');
  mkdirSync(modules);
  linkPackage(dir);
  for (const name of ['vite', 'vitest']) {
    symlinkSync(realpathSync(path.join(REPO, 'node_modules', name)), path.join(modules, name), 'dir');
  }
  return dir;
}

/** The environment of a child process that must not think it runs inside the tests' Vitest. */
export const OUTSIDE_VITEST_ENV: Record<string, undefined> = {
  VITEST: undefined,
  VITEST_MODE: undefined,
  VITEST_POOL_ID: undefined,
  VITEST_WORKER_ID: undefined,
  NODE_ENV: undefined,
  LINE_PROFILE: undefined,
  LINECOUNT_SESSION: undefined,
  NODE_OPTIONS: undefined,
};

/** One row of a kernprof listing. */
export interface ListingRow {
  line: number;
  /** Undefined for a line that never ran. */
  hits: number | undefined;
  contents: string;
}

/** A function's block of a kernprof text report. */
export interface Listing {
  file: string;
  line: number;
  rows: ListingRow[];
}

/**
 * Takes the block of function `name` out of a kernprof text report: its `File:`, first
 * line and rows (line number, hits, contents; the time columns are left out).
 */
export function readListing(report: string, name: string): Listing {
  const lines = report.split('\n');
  const at = lines.findIndex((line) => line.startsWith('Function: ') && line.slice(10).startsWith(`${name} at line `));
  if (at < 0) throw new Error(`no function ${name} in the report:\n${report}`);
  const file = lines[at - 1]!.replace(/^File: /, '');
  const header = lines[at + 2]!;
  const contentsAt = header.indexOf('Line Contents');
  const rows: ListingRow[] = [];
  for (const line of lines.slice(at + 4)) {
    if (line === '') break;
    const cells = line.slice(0, contentsAt).trim().split(/ +/);
    rows.push({
      line: Number(cells[0]),
      hits: cells.length > 1 ? Number(cells[1]) : undefined,
      contents: line.slice(contentsAt),
    });
  }
  return { file, line: Number(lines[at]!.split(' at line ')[1]), rows };
}

/** `{ [line]: hits }` of the rows that ran. */
export function rowHits(listing: Listing): Record<number, number> {
  return Object.fromEntries(listing.rows.filter((row) => row.hits !== undefined).map((row) => [row.line, row.hits!]));
}

/** The 1-based number of the one line of `source` whose trimmed text is `text`. */
export function lineOf(source: string, text: string): number {
  const lines = source.split('\n');
  const matches = lines.flatMap((line, index) => (line.trim() === text ? [index + 1] : []));
  if (matches.length !== 1) throw new Error(`${matches.length} lines are '${text}'`);
  return matches[0]!;
}
