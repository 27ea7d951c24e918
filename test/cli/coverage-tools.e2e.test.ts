/**
 * Issue 12, item 4: nyc (istanbul instruments our output, its require hook around ours)
 * and c8 (V8 ranges of our output, mapped through our inline source map) report the
 * program, not the probes: the same coverage with and without linecount, in both orders.
 */
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO, createProject, readJson, runProcess } from '../helpers/cli.js';

const NYC = path.join(REPO, 'node_modules/.bin/nyc');
const TSX = createRequire(path.join(REPO, 'packages/cli/package.json')).resolve('tsx');
const C8 = path.join(REPO, 'node_modules/.bin/c8');

const LIB = `class C {
  constructor (x) { this.x = x }
  get () { return this.x }
}
module.exports = C
`;
const MAIN = "const C = require('./lib.js'); console.log(new C(1).get())\n";

/**
 * Every construct the instrumenter handles, marked with // @profile, as people write
 * them: `if`s without `else` (nyc's implicit else), early returns in a function that
 * is not profiled (c8's range up to a `}` at the start of a line), top-level code, a
 * derived class's constructor with fields (instrumented around `super()`), a one-line
 * recursive function (its calls overlap).
 */
const MARKED = `// @profile
function loops(n) {
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (i === 1) continue;
    s += i;
  }
  for (const k in { a: 1 }) s += k.length;
  for (const v of [1, 2]) s += v;
  let j = 0;
  while (j < 2) j++;
  do { j--; } while (j > 0);
  outer: for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      if (b === 1) continue outer;
      s += b;
    }
  }
  if (n > 100) s = 0;
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
// @profile
async function fa(xs) {
  let s = 0;
  for await (const x of xs) {
    if (x > 1) s += x;
  }
  return s;
}
const obj = {
  // @profile
  m(a, b = 2) {
    const inner = () => a + b;
    return inner();
  },
};
function plain(x) {
  if (x) return 1;
  return 2;
}
class Base {
  constructor(n) { this.n = n; }
}
class Derived extends Base {
  tag = 'd';
  // @profile
  constructor(n) {
    const twice = n * 2;
    if (n < 0) throw new Error('negative');
    super(twice);
    if (n > 5) this.big = true;
    this.done = true;
  }
}
// @profile
function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }
if (typeof plain !== 'function') throw new Error('no');
module.exports = { fa, obj, plain, loops, sw, tc, K, arrow, asy, gen, unused, Derived, fact };
`;
const MARKED_MAIN = `const m = require('./lib.js');
const k = new m.K(1); k.value = 2;
console.log(m.loops(4), m.sw(1), m.sw(2), m.tc(() => 1), m.tc(() => { throw new Error('x'); }), k.value, m.arrow(1), [...m.gen(2)]);
m.plain(1); m.plain(0); console.log(m.obj.m(1)); m.fa([1, 2]).then(console.log);
m.asy(1).then(console.log);
console.log(new m.Derived(1).done, m.fact(5));
`;

interface Position {
  line?: number;
  column?: number;
}

interface FileCoverage {
  statementMap: Record<string, { start: Position }>;
  fnMap: Record<string, { name: string; loc: { start: Position } }>;
  branchMap: Record<string, { type: string; locations: { start: Position }[] }>;
  s: Record<string, number>;
  f: Record<string, number>;
  b: Record<string, number[]>;
}

type Summary = Record<'lines' | 'statements' | 'functions' | 'branches', { total: number; covered: number; skipped: number; pct: number }>;

const where = (start: Position): string => `${start.line}:${start.column}`;

/** Lines with a statement and none covered, as istanbul's reports list them. */
function uncoveredLines(lib: FileCoverage): number[] {
  const lines = new Map<number, number>();
  for (const [id, loc] of Object.entries(lib.statementMap)) {
    const line = loc.start.line!;
    lines.set(line, Math.max(lines.get(line) ?? 0, lib.s[id]!));
  }
  return [...lines].filter(([, hits]) => hits === 0).map(([line]) => line);
}

/**
 * What a coverage report says of lib.js: the totals, the uncovered lines, every
 * statement and function by where it starts, with its hits, and every branch with its
 * hits (by where it starts with `branchStarts`).
 */
function reportOf(cwd: string, branchStarts: boolean, name: string): unknown {
  const all = JSON.parse(readFileSync(path.join(cwd, 'coverage/coverage-final.json'), 'utf8')) as Record<string, FileCoverage>;
  const summaries = JSON.parse(readFileSync(path.join(cwd, 'coverage/coverage-summary.json'), 'utf8')) as Record<string, Summary>;
  const file = path.join(cwd, name);
  const lib = all[file]!;
  const branches = Object.entries(lib.branchMap).map(([id, branch]) => `${branch.type} ${branchStarts ? where(branch.locations[0]!.start) : ''} ${lib.b[id]!.join(',')}`);
  return {
    summary: summaries[file],
    uncoveredLines: uncoveredLines(lib),
    statements: Object.entries(lib.statementMap).map(([id, loc]) => `${where(loc.start)} ${lib.s[id]}`),
    functions: Object.entries(lib.fnMap).map(([id, fn]) => `${fn.name} ${where(fn.loc.start)} ${lib.f[id]}`),
    branches: branchStarts ? branches : branches.sort(),
  };
}

async function coverage(cwd: string, command: string[], name = 'lib.js'): Promise<unknown> {
  rmSync(path.join(cwd, 'coverage'), { recursive: true, force: true });
  rmSync(path.join(cwd, '.nyc_output'), { recursive: true, force: true });
  const result = await runProcess(command[0]!, command.slice(1), { cwd });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return reportOf(cwd, command.includes(NYC), name);
}

const profiled = (prof: string[], script: string): string[] => [process.execPath, BIN, '-q', '--no-cache', ...prof, ...(script ? [script] : [])];

/*
 * c8's branch columns may differ by one or two where V8 starts a range between two
 * tokens (v8-to-istanbul rounds such a point differently with and without a map): its
 * branches are compared by type and hits. nyc's are compared where they start too.
 */
// Sampled mode (SPEC §3, --sample): its probes carry their own branches (`if (… | …) …`);
// neither tool may see them (istanbul's hints; under V8 coverage the file is timed exactly).
describe.each([
  ['-p lib.js', LIB, MAIN, ['-p', 'lib.js']],
  ['// @profile marks', MARKED, MARKED_MAIN, []],
  ['--sample and -p lib.js', LIB, MAIN, ['--sample', '2', '-p', 'lib.js']],
  ['--sample and // @profile marks', MARKED, MARKED_MAIN, ['--sample', '2']],
])('coverage tools with %s', (_name, lib, main, prof) => {
  it('nyc: the same report under linecount -- nyc and nyc linecount as plain nyc', async () => {
    const cwd = createProject({ 'lib.js': lib, 't.js': main });
    const nyc = [NYC, '--cache', 'false', '--reporter', 'json', '--reporter', 'json-summary'];
    const plain = await coverage(cwd, [...nyc, 'node', 't.js']);
    expect(await coverage(cwd, [...profiled(prof, ''), '--', ...nyc, 'node', 't.js'])).toEqual(plain);
    expect(await coverage(cwd, [...nyc, ...profiled(prof, 't.js')])).toEqual(plain);
  });

  it('c8: the same report under linecount -- c8 and c8 linecount as plain c8', async () => {
    const cwd = createProject({ 'lib.js': lib, 't.js': main });
    const c8 = [C8, '--reporter', 'json', '--reporter', 'json-summary'];
    const plain = await coverage(cwd, [...c8, 'node', 't.js']);
    expect(await coverage(cwd, [...profiled(prof, ''), '--', ...c8, 'node', 't.js'])).toEqual(plain);
    expect(await coverage(cwd, [...c8, ...profiled(prof, 't.js')])).toEqual(plain);
  });
});

// An ES module that imports: its hoisted functions may run before its body (nyc does not hook ES modules).
it('c8: the same report of an ES module under linecount -- c8 and c8 linecount as plain c8', async () => {
  const lib = `import { EOL } from 'node:os';\n${MARKED.replace('module.exports = {', 'export { EOL,')}`;
  const main = MARKED_MAIN.replace("const m = require('./lib.js');", "import * as m from './lib.mjs';");
  const cwd = createProject({ 'lib.mjs': lib, 't.mjs': main });
  const c8 = [C8, '--reporter', 'json', '--reporter', 'json-summary'];
  const plain = await coverage(cwd, [...c8, 'node', 't.mjs'], 'lib.mjs');
  expect(await coverage(cwd, [...profiled([], ''), '--', ...c8, 'node', 't.mjs'], 'lib.mjs')).toEqual(plain);
  expect(await coverage(cwd, [...c8, ...profiled([], 't.mjs')], 'lib.mjs')).toEqual(plain);
});

it('linecount -p lib.js -- nyc --check-coverage --branches 100 passes as plain nyc does (the issue repro)', async () => {
  const cwd = createProject({ 'lib.js': LIB, 't.js': MAIN });
  const result = await runProcess(process.execPath, [BIN, '-q', '-p', 'lib.js', '--', NYC, '--cache', 'false', '--check-coverage', '--branches', '100', '--reporter', 'text-summary', 'node', 't.js'], { cwd });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('Branches     : 100% ( 0/0 )');
});

/**
 * The fixture in TypeScript, with types: a CommonJS `.ts` file (tsx compiles it so in a
 * package without "type") and an ES module that imports.
 */
const MARKED_TS = MARKED.replace('function loops(n) {', 'function loops(n: number): number {')
  .replace('function sw(x) {', 'function sw(x: number): string {')
  .replace('class K {', 'class K {\n  v: number;')
  .replace('const arrow = (x) =>', 'const arrow = (x: number): number =>');

const ESM_TS = `import { EOL } from 'node:os';\n${MARKED_TS.replace('module.exports = {', 'export { EOL,')}`;

interface Profile {
  functions: { file: string; name: string; line: number; endLine: number; lines: [number, number, number][] }[];
  sources?: Record<string, string>;
}

/** What linecount reports, times left out: each function with the hits of its lines, and the lines it shows. */
function profileOf(cwd: string, name: string): unknown {
  const { functions, sources } = readJson<Profile>(cwd, name);
  return { sources, functions: functions.map(({ file, name: fn, line, endLine, lines }) => ({ file, fn, line, endLine, hits: lines.map(([at, hits]) => [at, hits]) })) };
}

/*
 * nyc hooks require, not ES modules: the CommonJS file. Its report, every construct
 * included (async functions, generators and `for await` loops, a switch case's
 * statements, esbuild's helpers before the first statement of a file that starts with a
 * comment), is the one nyc makes with tsx; linecount's, the one it makes without nyc.
 */
it('nyc on TypeScript: the same report of every construct under linecount -- nyc and nyc linecount as plain nyc with tsx', async () => {
  const cwd = createProject({ 'lib.ts': MARKED_TS, 't.ts': MARKED_MAIN.replace('./lib.js', './lib.ts') });
  expect((await runProcess(process.execPath, [BIN, '-q', '--no-cache', '-o', 'alone.lcprof', 't.ts'], { cwd })).code).toBe(0);
  const profile = profileOf(cwd, 'alone.lcprof');
  expect(profile).toMatchObject({ functions: expect.arrayContaining([{ file: 'lib.ts', fn: 'loops', line: 1, endLine: 21, hits: expect.arrayContaining([[3, 1], [4, 5], [5, 4], [6, 3]]) }]) });
  const nyc = [NYC, '--cache', 'false', '--reporter', 'json', '--reporter', 'json-summary'];
  const plain = await coverage(cwd, [...nyc, 'node', '--import', TSX, 't.ts'], 'lib.ts');
  expect(await coverage(cwd, [...profiled([], ''), '--', ...nyc, 'node', 't.ts'], 'lib.ts')).toEqual(plain);
  expect(profileOf(cwd, 'linecount.lcprof')).toEqual(profile);
  expect(await coverage(cwd, [...nyc, ...profiled([], 't.ts')], 'lib.ts')).toEqual(plain);
  expect(profileOf(cwd, 't.ts.lcprof')).toEqual(profile);
});

describe.each([
  ['a CommonJS .ts file', {}, MARKED_TS, MARKED_MAIN.replace('./lib.js', './lib.ts')],
  ['an ES module .ts file that imports', { 'package.json': '{ "type": "module" }' }, ESM_TS, MARKED_MAIN.replace("const m = require('./lib.js');", "import * as m from './lib.ts';")],
])('TypeScript: %s', (_name, files: Record<string, string>, lib, main) => {

  it('c8: the same report under linecount -- c8 and c8 linecount as plain c8 with tsx', async () => {
    const cwd = createProject({ ...files, 'lib.ts': lib, 't.ts': main });
    const c8 = [C8, '--reporter', 'json', '--reporter', 'json-summary'];
    const plain = await coverage(cwd, [...c8, 'node', '--import', TSX, 't.ts'], 'lib.ts');
    expect(await coverage(cwd, [...profiled([], ''), '--', ...c8, 'node', 't.ts'], 'lib.ts')).toEqual(plain);
    expect(await coverage(cwd, [...c8, ...profiled([], 't.ts')], 'lib.ts')).toEqual(plain);
  });
});

/**
 * nyc instruments what tsx compiled (its require hook around tsx's) and maps it back
 * through tsx's map: a file that starts with code, not a comment, and whose `export`
 * list is compiled to CommonJS.
 */
const NYC_TS = `const LIMIT: number = 100;
// @profile
function loops(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (i === 1) continue;
    s += i;
  }
  for (const v of [1, 2]) s += v;
  while (s > LIMIT) s--;
  if (n > LIMIT) s = 0;
  return s;
}
// @profile
function tc(f: () => number): number | string {
  try {
    return f();
  } catch (e) {
    return 'caught';
  }
}
class Base {
  n: number;
  constructor(n: number) { this.n = n; }
}
class Derived extends Base {
  tag = 'd';
  done = false;
  // @profile
  constructor(n: number) {
    const twice = n * 2;
    if (n < 0) throw new Error('negative');
    super(twice);
    this.done = n > 5 ? false : true;
  }
}
// @profile
function fact(n: number): number { return n <= 1 ? 1 : n * fact(n - 1); }
// @profile
const arrow = (x: number): number => x ? x + 1 : 0;
function plain(x: number): number {
  if (x) return 1;
  return 2;
}
export { loops, tc, Derived, fact, arrow, plain };
`;
const NYC_TS_MAIN = `const { loops, tc, Derived, fact, arrow, plain } = require('./lib.ts');
console.log(loops(4), tc(() => 1), tc(() => { throw new Error('x'); }), new Derived(1).done, fact(5), arrow(1), plain(1), plain(0));
`;

it('nyc on TypeScript: the same report under linecount -- nyc and nyc linecount as plain nyc with tsx', async () => {
  const cwd = createProject({ 'lib.ts': NYC_TS, 't.ts': NYC_TS_MAIN });
  const nyc = [NYC, '--cache', 'false', '--reporter', 'json', '--reporter', 'json-summary'];
  const plain = await coverage(cwd, [...nyc, 'node', '--import', TSX, 't.ts'], 'lib.ts');
  expect(await coverage(cwd, [...profiled([], ''), '--', ...nyc, 'node', 't.ts'], 'lib.ts')).toEqual(plain);
  expect(await coverage(cwd, [...nyc, ...profiled([], 't.ts')], 'lib.ts')).toEqual(plain);
});

it('c8 on TypeScript whose export list is compiled to CommonJS: the same report under linecount -- c8 and c8 linecount as plain c8 with tsx', async () => {
  const cwd = createProject({ 'lib.ts': NYC_TS, 't.ts': NYC_TS_MAIN });
  const c8 = [C8, '--reporter', 'json', '--reporter', 'json-summary'];
  const plain = await coverage(cwd, [...c8, 'node', '--import', TSX, 't.ts'], 'lib.ts');
  expect(await coverage(cwd, [...profiled([], ''), '--', ...c8, 'node', 't.ts'], 'lib.ts')).toEqual(plain);
  expect(await coverage(cwd, [...c8, ...profiled([], 't.ts')], 'lib.ts')).toEqual(plain);
});
