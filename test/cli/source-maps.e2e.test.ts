/**
 * Issue #12, item 7: an instrumented file on disk that carries a source map (a
 * `//# sourceMappingURL=` file or data URL) is reported in its original sources — files,
 * lines, line contents and function names — with exact hits per original line. The
 * oracle is the same work profiled on the TypeScript sources themselves: each build of
 * them by the real esbuild, minified onto one line, must report the same hits.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProject, readJson, runCli, runProcess } from '../helpers/cli.js';

interface Results {
  functions: { name: string; file: string; line: number; endLine: number; lines: [number, number, number][] }[];
  sources?: Record<string, string>;
}

/** `file name → { line: hits }` of the functions of src/ that ran, as the results tell them. */
function originalHits(results: Results): Record<string, Record<number, number>> {
  const ran = results.functions.filter((fn) => fn.file.startsWith('src/') && fn.file !== 'src/index.ts' && fn.lines.length > 0);
  return Object.fromEntries(ran.map((fn) => [`${fn.file} ${fn.name} ${fn.line}-${fn.endLine}`, Object.fromEntries(fn.lines.map(([line, hits]) => [line, hits]))]));
}

/** What profiling the TypeScript sources themselves reports: the oracle. */
const SOURCE_HITS = {
  'src/shapes.ts sumTo 1-7': { 2: 3, 3: 18, 4: 15, 6: 3 },
  'src/shapes.ts square 9-11': { 10: 6 },
  'src/shapes.ts Counter.add 16-25': { 17: 15, 18: 12, 19: 6, 21: 6, 24: 3 },
  // Line 2 holds two statements: one hit per pass (SPEC §3).
  'src/words.ts classify 1-4': { 2: 2, 3: 2 },
  'src/words.ts countWords 6-13': { 7: 1, 8: 6, 9: 5, 10: 5, 12: 1 },
};

const ENTRY: BuildOptions = { entryPoints: ['src/index.ts'], bundle: true, logLevel: 'silent' };

describe('files with source maps are reported in their original sources', () => {
  let cwd: string;
  let expected: string;

  beforeAll(async () => {
    cwd = createProject({}, 'cli/source-maps');
    const build = (options: BuildOptions): unknown => buildSync({ ...ENTRY, absWorkingDir: cwd, ...options });
    build({ format: 'cjs', minify: true, sourcemap: true, outfile: 'dist/min.cjs' });
    build({ format: 'cjs', minifyWhitespace: true, minifyIdentifiers: true, sourcemap: 'inline', outfile: 'dist/inline.cjs' });
    build({ format: 'esm', minifyWhitespace: true, minifyIdentifiers: true, sourcemap: 'inline', outfile: 'dist/inline.mjs' });
    const plain = await runProcess(process.execPath, ['work.cjs', 'dist/min.cjs'], { cwd });
    expect(plain.code).toBe(0);
    expected = plain.stdout;
  });

  it('the TypeScript sources, profiled themselves (the oracle)', async () => {
    const run = await runCli(['-q', '--no-cache', '-o', 'ts.lcprof', '-p', 'src', 'work.cjs', 'src/index.ts'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(expected);
    expect(originalHits(readJson<Results>(cwd, 'ts.lcprof'))).toEqual(SOURCE_HITS);
  });

  it.each(['dist/inline.cjs', 'dist/inline.mjs'])('%s: minified onto one line, with an inline data-URL map: the same hits, lines and names', async (built) => {
    const run = await runCli(['-q', '--no-cache', '-o', 'built.lcprof', '-p', built, 'work.cjs', built], { cwd });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(expected);
    const results = readJson<Results>(cwd, 'built.lcprof');
    expect(originalHits(results)).toEqual(SOURCE_HITS);
    // The sources are on disk and in the map: the report's line contents are the TS lines.
    expect(results.sources?.['src/shapes.ts']?.split('\n')[16]).toBe('    for (const value of values) {');
  });

  it('dist/min.cjs: --minify with a map file: every statement that survives keeps its exact hits', async () => {
    const run = await runCli(['-q', '--no-cache', '-o', 'min.lcprof', '-p', 'dist/min.cjs', 'work.cjs', 'dist/min.cjs'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(expected);
    const results = readJson<Results>(cwd, 'min.lcprof');
    // esbuild turned the if/else of lines 18-22 into one conditional expression: its
    // branches are no statements any more, and their lines have no probes of their own.
    const add = Object.fromEntries(Object.entries(SOURCE_HITS['src/shapes.ts Counter.add 16-25']).filter(([line]) => line !== '19' && line !== '21'));
    expect(originalHits(results)).toEqual({ ...SOURCE_HITS, 'src/shapes.ts Counter.add 16-25': add });
    // esbuild's helpers are in no source: reported in the generated file itself.
    expect(results.functions.filter((fn) => fn.file === 'dist/min.cjs').map((fn) => fn.name)).toEqual(['l', 'p', 'get', 'g']);
  });

  it('a source that is neither in the map nor on disk: the generated file, with a one-line note', async () => {
    const project = createProject({}, 'cli/source-maps');
    buildSync({ ...ENTRY, absWorkingDir: project, format: 'cjs', sourcemap: true, sourcesContent: false, outfile: 'dist/lib.cjs' });
    rmSync(path.join(project, 'src/words.ts'));
    // Twice with the cache: the note comes again, as warnings do.
    for (let pass = 0; pass < 2; pass++) {
      const run = await runCli(['-q', '-o', 'lib.lcprof', '-p', 'dist/lib.cjs', 'work.cjs', 'dist/lib.cjs'], { cwd: project });
      expect(run.stdout).toBe(expected);
      expect(run.stderr).toBe(
        'linecount: note: dist/lib.cjs: its source map names src/words.ts, which is neither in the map nor on disk; reporting the generated file\n',
      );
      const results = readJson<Results>(project, 'lib.lcprof');
      expect(new Set(results.functions.map((fn) => fn.file))).toEqual(new Set(['dist/lib.cjs']));
    }
  });
});
