/**
 * A TypeScript program profiled before and after a change (issue 17): the change makes
 * one line fast (a loop replaced by a closed form), moves another line up, and adds
 * a comment, so every later line moves.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { createProject, runCli } from './cli.js';

/** How many times `work`'s loop body runs. */
export const ITERATIONS = 2000;

const HELPERS = `
function slowSum(k: number): number {
  let s = 0;
  for (let j = 0; j < k * 200; j++) s += j;
  return s;
}

function fastSum(k: number): number {
  const m = k * 200;
  return (m * (m - 1)) / 2;
}

// @profile
function idle(): number {
  return 0;
}

console.log(work(${ITERATIONS}));
`;

/** `work` before: lines 1–9 of work.ts. */
export const BEFORE = `// @profile
function work(n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += slowSum(i % 50);
    total += i % 7;
  }
  return total;
}
${HELPERS}`;

/** `work` after: the slow line replaced and moved below the cheap one, a comment added. */
export const AFTER = `// @profile
function work(n: number): number {
  // the sum in closed form (was a loop)
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += i % 7;
    total += fastSum(i % 50);
  }
  return total;
}
${HELPERS}`;

/**
 * Profiles work.ts, rewrites it, profiles it again: `before.lcprof`, `after.lcprof`.
 * @returns The project's directory; work.ts holds the second version.
 */
export async function profileBeforeAndAfter(): Promise<string> {
  const cwd = createProject({ 'work.ts': BEFORE });
  expect((await runCli(['-q', '-o', 'before.lcprof', 'work.ts'], { cwd })).code).toBe(0);
  writeFileSync(path.join(cwd, 'work.ts'), AFTER);
  expect((await runCli(['-q', '-o', 'after.lcprof', 'work.ts'], { cwd })).code).toBe(0);
  return cwd;
}

/**
 * The listing rows of one function in `linecount diff`'s text: each row's cells (the
 * header's columns, right-aligned under their names) and its marked contents.
 * @param text The whole report.
 * @param name The function.
 */
export function diffTableOf(text: string, name: string): { cells: string[]; contents: string }[] {
  const block = text.split(/\n(?=Total time: )/).find((part) => part.includes(`\nFunction: ${name} at line `));
  if (!block) throw new Error(`no function ${name} in:\n${text}`);
  const lines = block.split('\n');
  const headerIndex = lines.findIndex((line) => line.startsWith('Line -'));
  const header = lines[headerIndex]!;
  const ends = [...header.matchAll(/Line [-+]|Hits [-+]|Time [-+]|Change/g)].map((match) => match.index + match[0].length);
  const rows = lines.slice(headerIndex + 2).filter((line) => line !== '');
  return rows.map((line) => ({
    cells: ends.map((end, column) => line.slice(column === 0 ? 0 : ends[column - 1]!, end).trim()),
    contents: line.slice(ends.at(-1)! + 2),
  }));
}
