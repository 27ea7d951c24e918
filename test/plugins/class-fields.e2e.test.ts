/**
 * Derived classes with field initialisers (issue 12, item 3): test/fixtures/plugins/
 * class-fields built with linecount by every tool that lowers class fields (Vite 8/Oxc,
 * Rollup + rollup-plugin-esbuild, esbuild, webpack + esbuild-loader, Babel's preset-env,
 * tsc after @linecount/profiler/babel), fields lowered for ES2020 and as assignments
 * (`useDefineForClassFields: false`). Each lowering puts the initialisers right after a
 * `super(…)` that is a statement of the constructor's body; the instrumented
 * constructors keep it there. Off, the program prints what the unplugged build prints;
 * on, exact hits at the source lines, the line of `super()` included.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, createProject, hitsOf, readJson, runProcess, type RunResult } from '../helpers/cli.js';
import { linkPackage, listOutputs, runNode, type Results } from '../helpers/register.js';
import { lineOf } from '../helpers/vite-project.js';

const BUILD_SCRIPT = path.join(FIXTURES, 'plugins/class-fields-build.mjs');
const TOOLS = ['vite', 'rollup', 'esbuild', 'webpack', 'babel', 'tsc'];
/** The project's tsconfig.json per setting of the build script. */
const SETTINGS = {
  es2020: { target: 'es2020' },
  assign: { target: 'es2022', useDefineForClassFields: false },
};
/** What src/main.ts prints. */
const OUTPUT = '[ 1 ]\n[ 0, 0 ] 0 counted true\n[ 1, 2 ] 3 counted true\n[ 2, 4 ] 6 counted true\n3\nrefused\ntrue\n';

function createClassProject(compilerOptions: object): string {
  const dir = createProject({ 'tsconfig.json': JSON.stringify({ compilerOptions }) }, 'plugins/class-fields');
  mkdirSync(path.join(dir, 'node_modules'));
  linkPackage(dir);
  return dir;
}

/** Builds the project with `tool` (see class-fields-build.mjs); returns the program to run. */
async function build(tool: string, project: string, setting: string, plain: boolean): Promise<string> {
  const outDir = path.join(project, `out-${tool}${plain ? '-plain' : ''}`);
  const args = [BUILD_SCRIPT, tool, project, outDir, setting, ...(plain ? ['plain'] : [])];
  // A production build, as users run it.
  const result = await runProcess(process.execPath, args, { cwd: project, env: { NODE_ENV: undefined } });
  if (result.code !== 0) throw new Error(`${tool} build failed:\n${result.stderr}${result.stdout}`);
  if (tool === 'babel' || tool === 'tsc') return path.join(outDir, 'main.js');
  return path.join(outDir, tool === 'webpack' ? 'app.cjs' : 'app.mjs');
}

/** Exact hits of the constructors, at the lines of src/err.ts (of babel/src/err.js, the same lines, for Babel). */
function expectedHits(source: string): Record<string, Record<number, number>> {
  const line = (text: string): number => lineOf(source, text);
  const scales = 3;
  return {
    // Once for `new MyError`, once per `new Counted` through its super().
    'MyError.constructor': { [line('constructor(issues: number[]) { super(); this.issues = issues; }')]: 1 + scales },
    'Counted.constructor': {
      [line('const doubled = issues.map((n) => n * scale);')]: scales,
      [line('super(doubled);')]: scales,
      [line('this.total = doubled.reduce((a, b) => a + b, 0);')]: scales,
      [line('Counted.created++;')]: scales,
    },
    // The first super() throws.
    'Guarded.constructor': { [line('super(fail);')]: 2 },
  };
}

const emptyDir = (): string => mkdtempSync(path.join(tmpdir(), 'linecount-run-'));

describe.each(Object.entries(SETTINGS))('class fields lowered (%s)', (setting, compilerOptions) => {
  let project: string;
  beforeAll(() => {
    project = createClassProject(compilerOptions);
  });

  describe.each(TOOLS)('%s with linecount', (tool) => {
    let plain: RunResult;
    let app: string;
    beforeAll(async () => {
      plain = await runNode([await build(tool, project, setting, true)], { cwd: emptyDir() });
      app = await build(tool, project, setting, false);
    });

    it('LINE_PROFILE unset: the output of the unplugged build, no files', async () => {
      expect(plain).toMatchObject({ code: 0, stdout: OUTPUT, stderr: '' });
      const cwd = emptyDir();
      expect(await runNode([app], { cwd })).toEqual(plain);
      expect(listOutputs(cwd)).toEqual([]);
    });

    it('LINE_PROFILE=1: exact hits at the source lines, super() included', async () => {
      const cwd = emptyDir();
      const result = await runNode([app], { cwd, env: { LINE_PROFILE: '1' } });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.startsWith(OUTPUT)).toBe(true);
      const results = readJson<Results>(cwd, 'profile_output.lcprof');
      const file = path.join(project, tool === 'babel' ? 'babel/src/err.js' : 'src/err.ts');
      const expected = expectedHits(readFileSync(path.join(project, 'src/err.ts'), 'utf8'));
      for (const [name, hits] of Object.entries(expected)) {
        expect(hitsOf(results, name), name).toEqual(hits);
        expect(path.resolve(cwd, results.functions.find((fn) => fn.name === name)!.file)).toBe(file);
      }
    });
  });
});
