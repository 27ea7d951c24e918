/**
 * Issue 12, item 4: nyc (istanbul instruments our output, its require hook around ours)
 * and c8 (V8 ranges of our output, mapped through our inline source map) report the
 * program, not the probes: the same coverage with and without linecount, in both orders.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO, createProject, runProcess } from '../helpers/cli.js';

const NYC = path.join(REPO, 'node_modules/.bin/nyc');
const C8 = path.join(REPO, 'node_modules/.bin/c8');

const LIB = `class C {
  constructor (x) { this.x = x }
  get () { return this.x }
}
module.exports = C
`;
const MAIN = "const C = require('./lib.js'); console.log(new C(1).get())\n";

/** Constructs of the instrumenter, marked with // @profile (no \`if\` without \`else\`: see README). */
const MARKED = `// @profile
function loops(n) {
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (i === 1) continue; else s += i;
  }
  for (const k in { a: 1 }) s += k.length;
  for (const v of [1, 2]) s += v;
  let j = 0;
  while (j < 2) j++;
  do { j--; } while (j > 0);
  outer: for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      if (b === 1) continue outer; else s += b;
    }
  }
  return s;
}
// @profile
function sw(x) {
  switch (x) {
    case 1: return 'one';
    case 2:
    case 3: return 'few';
    default: return 'many';
  }
}
// @profile
function tc(f) {
  try {
    return f();
  } catch (e) {
    return 'caught';
  } finally {
    sw(1);
  }
}
class K {
  // @profile
  constructor(v) { this.v = v; }
  // @profile
  get value() { return this.v; }
  // @profile
  set value(v) { this.v = v; }
}
// @profile
const arrow = (x) => x ? x + 1 : 0;
// @profile
async function asy(x) {
  const a = await Promise.resolve(x);
  return a || 1;
}
// @profile
function* gen(n) {
  for (let i = 0; i < n; i++) yield i;
}
// @profile
function unused() {
  return 1;
}
module.exports = { loops, sw, tc, K, arrow, asy, gen, unused };
`;
const MARKED_MAIN = `const m = require('./lib.js');
const k = new m.K(1); k.value = 2;
console.log(m.loops(4), m.sw(1), m.sw(2), m.tc(() => 1), m.tc(() => { throw new Error('x'); }), k.value, m.arrow(1), [...m.gen(2)]);
m.asy(1).then(console.log);
`;

interface FileCoverage {
  statementMap: Record<string, { start: { line: number; column: number } }>;
  fnMap: Record<string, { name: string; loc: { start: { line: number; column: number } } }>;
  branchMap: Record<string, { type: string; locations: { start: { line?: number; column?: number } }[] }>;
  s: Record<string, number>;
  f: Record<string, number>;
  b: Record<string, number[]>;
}

/** What a coverage report says of lib.js: every statement, function and branch by where it starts, with its hits. */
function reportOf(cwd: string): unknown {
  const all = JSON.parse(readFileSync(path.join(cwd, 'coverage/coverage-final.json'), 'utf8')) as Record<string, FileCoverage>;
  const lib = all[path.join(cwd, 'lib.js')]!;
  const where = (loc: { start: { line?: number; column?: number } }): string => `${loc.start.line}:${loc.start.column}`;
  return {
    statements: Object.entries(lib.statementMap).map(([id, loc]) => `${where(loc)} ${lib.s[id]}`),
    functions: Object.entries(lib.fnMap).map(([id, fn]) => `${fn.name} ${where(fn.loc)} ${lib.f[id]}`),
    branches: Object.entries(lib.branchMap).map(([id, branch]) => `${branch.type} ${branch.locations.map(where).join(',')} ${lib.b[id]!.join(',')}`),
  };
}

async function coverage(cwd: string, command: string[]): Promise<unknown> {
  rmSync(path.join(cwd, 'coverage'), { recursive: true, force: true });
  rmSync(path.join(cwd, '.nyc_output'), { recursive: true, force: true });
  const result = await runProcess(command[0]!, command.slice(1), { cwd });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return reportOf(cwd);
}

const profiled = (prof: string[], script: string): string[] => [process.execPath, BIN, '-q', '--no-cache', ...prof, ...(script ? [script] : [])];

describe.each([
  ['-p lib.js', LIB, MAIN, ['-p', 'lib.js']],
  ['// @profile marks', MARKED, MARKED_MAIN, []],
])('coverage tools with %s', (_name, lib, main, prof) => {
  it('nyc: the same report under linecount -- nyc and nyc linecount as plain nyc, 100 % checks pass', async () => {
    const cwd = createProject({ 'lib.js': lib, 't.js': main });
    const nyc = [NYC, '--cache', 'false', '--reporter', 'json'];
    const plain = await coverage(cwd, [...nyc, 'node', 't.js']);
    expect(await coverage(cwd, [...profiled(prof, ''), '--', ...nyc, 'node', 't.js'])).toEqual(plain);
    expect(await coverage(cwd, [...nyc, ...profiled(prof, 't.js')])).toEqual(plain);
  });
});

// c8 with // @profile marks still differs: see the closing note of issue 12, item 4.
it('c8: the same report under linecount -p lib.js -- c8 and c8 linecount -p lib.js as plain c8', async () => {
  const prof = ['-p', 'lib.js'];
  const cwd = createProject({ 'lib.js': LIB, 't.js': MAIN });
  const c8 = [C8, '--reporter', 'json'];
  const plain = await coverage(cwd, [...c8, 'node', 't.js']);
  expect(await coverage(cwd, [...profiled(prof, ''), '--', ...c8, 'node', 't.js'])).toEqual(plain);
  expect(await coverage(cwd, [...c8, ...profiled(prof, 't.js')])).toEqual(plain);
});

it('linecount -p lib.js -- nyc --check-coverage --branches 100 passes as plain nyc does (the issue repro)', async () => {
  const cwd = createProject({ 'lib.js': LIB, 't.js': MAIN });
  const result = await runProcess(process.execPath, [BIN, '-q', '-p', 'lib.js', '--', NYC, '--cache', 'false', '--check-coverage', '--branches', '100', '--reporter', 'text-summary', 'node', 't.js'], { cwd });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('Branches     : 100% ( 0/0 )');
});
