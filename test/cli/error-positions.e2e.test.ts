/**
 * Issue #12, item 9: an error thrown by a profiled line shows the position in the file
 * on disk, as `node` (JS) or tsx (TS) show it without linecount. Probes moved the
 * columns of the instrumented code; its lines stay (`retainLines`).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, createProject, runCli, runProcess } from '../helpers/cli.js';

const TSX = createRequire(path.join(REPO, 'packages/cli/package.json')).resolve('tsx');

/** A profiled function that throws on line 4, column 26 (`new`) after a statement on its line. */
const LIB = `function fail(a) {
  const b = a + 1;
  // a probe goes in front of the next line's first statement
  if (b > 1) { const e = new Error('boom'); throw e; }
  return b;
}
`;

/** Prints the stack of the error caught from `fail`, then throws it uncaught. */
const MAIN = (load: string, sourceMaps: string): string => `${sourceMaps}
${load}
try { fail(1); } catch (error) { console.log(error.stack); }
fail(2);
`;

/** The frames of `file` in a stack text: `at fail (…/lib.js:4:26)`. */
function framesOf(text: string, file: string): string[] {
  return text.split('\n').filter((line) => line.includes(file) && line.trim().startsWith('at '));
}

const CASES = [
  { name: 'CommonJS', lib: 'lib.cjs', code: `${LIB}module.exports = fail;\n`, main: 'main.cjs', load: "const fail = require('./lib.cjs');" },
  { name: 'ES module', lib: 'lib.mjs', code: `export ${LIB}`, main: 'main.mjs', load: "import { fail } from './lib.mjs';" },
];

describe('errors of profiled code: positions in the file on disk', () => {
  it('TypeScript: as tsx shows them', async () => {
    const cwd = createProject({ 'lib.ts': `export ${LIB.replace('(a)', '(a: number)')}`, 'main.ts': MAIN("import { fail } from './lib.ts';", '') });
    const plain = await runProcess(process.execPath, ['--import', TSX, 'main.ts'], { cwd });
    const profiled = await runCli(['-q', '--no-cache', '-o', 'ts.lcprof', '-p', 'lib.ts', 'main.ts'], { cwd });
    expect(plain.code).toBe(1);
    expect(profiled.code).toBe(1);
    expect(framesOf(plain.stdout, 'lib.ts')).toEqual([expect.stringMatching(/lib\.ts:4:26\)$/)]);
    expect(framesOf(profiled.stdout, 'lib.ts')).toEqual(framesOf(plain.stdout, 'lib.ts'));
    expect(framesOf(profiled.stderr, 'lib.ts')).toEqual(framesOf(plain.stderr, 'lib.ts'));
    // The uncaught error's source line. Its caret is under `throw`, where node puts it for
    // JS; tsx's coarser map (no segment at `throw`) puts it under `new`.
    const [where, line, caret] = profiled.stderr.split('\n');
    expect([where, line]).toEqual(plain.stderr.split('\n').slice(0, 2));
    expect(caret).toBe(`${' '.repeat(line!.indexOf('throw'))}^`);
  });

  describe.each(CASES)('JavaScript, $name', ({ lib, code, main, load }) => {
    it('with source maps off, as node shows them: caught and uncaught', async () => {
      const cwd = createProject({ [lib]: code, [main]: MAIN(load, 'process.setSourceMapsEnabled(false);') });
      const plain = await runProcess(process.execPath, [main], { cwd });
      const profiled = await runCli(['-q', '--no-cache', '-o', 'js.lcprof', '-p', lib, main], { cwd });
      expect(plain.code).toBe(1);
      expect(profiled.code).toBe(1);
      expect(framesOf(plain.stdout, lib)).toEqual([expect.stringMatching(new RegExp(`${lib.replace('.', '\\.')}:4:26\\)$`))]);
      expect(framesOf(profiled.stdout, lib)).toEqual(framesOf(plain.stdout, lib));
      expect(framesOf(profiled.stderr, lib)).toEqual(framesOf(plain.stderr, lib));
    });

    it('as linecount runs them (source maps as tsx leaves them): the same positions', async () => {
      const cwd = createProject({ [lib]: code, [main]: MAIN(load, '') });
      const plain = await runProcess(process.execPath, [main], { cwd });
      const profiled = await runCli(['-q', '--no-cache', '-o', 'js.lcprof', '-p', lib, main], { cwd });
      const position = (text: string): string[] => framesOf(text, lib).map((frame) => /:\d+:\d+\)$/.exec(frame)![0]);
      expect(position(plain.stdout)).toEqual([':4:26)']);
      expect(position(profiled.stdout)).toEqual(position(plain.stdout));
      expect(position(profiled.stderr)).toEqual(position(plain.stderr));
    });
  });
});
