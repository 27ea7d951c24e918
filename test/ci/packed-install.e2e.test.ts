/**
 * The package as a user gets it (issue #16): `pnpm pack` of packages/cli (what `pnpm
 * publish` uploads), `npm install` of the tarball, and Vite from the registry, into a
 * temporary project outside the workspace, with no workspace `node_modules/.bin` on PATH;
 * then every way in: `npx linecount`, `node --import <name>/register`, a Vite build with
 * `<name>/vite`, `npx linecount view`. Nothing is written to the registry.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, createProject, readJson, runProcess, type RunResult } from '../helpers/cli.js';
import { CLI_PACKAGE, PACKAGE_NAME, type Results } from '../helpers/register.js';
import { OUTSIDE_VITEST_ENV, readListing, rowHits } from '../helpers/vite-project.js';

/** A liveness guard for packing and installing from the registry, never a bound on speed. */
const INSTALL_PATIENCE_MS = 300_000;

const VITE_VERSION = (JSON.parse(readFileSync(path.join(REPO, 'node_modules/vite/package.json'), 'utf8')) as { version: string }).version;

const COLLATZ = `// @profile
export function steps(n: number): number {
  let count = 0;
  while (n !== 1) {
    n = n % 2 === 0 ? n / 2 : 3 * n + 1;
    count++;
  }
  return count;
}
`;

/** Lines 4–6 of COLLATZ run once per step: 7 → 16 steps, 6 → 8 steps. */
const COLLATZ_HITS = { 3: 2, 4: 26, 5: 24, 6: 24, 8: 2 };

const FILES = {
  'package.json': JSON.stringify({ name: 'packed-install', private: true, type: 'module' }),
  'collatz.ts': COLLATZ,
  'main.ts': "import { steps } from './collatz.ts';\nconsole.log(steps(7) + steps(6));\n",
  'app.js': COLLATZ.replace('(n: number): number', '(n)') + 'console.log(steps(7) + steps(6));\n',
  'src/main.ts': "import { steps } from '../collatz.ts';\nconsole.log(steps(7) + steps(6));\n",
  'vite.config.js': [
    `import linecount from '${PACKAGE_NAME}/vite';`,
    "export default { plugins: [linecount()], logLevel: 'warn',",
    "  build: { ssr: 'src/main.ts', outDir: 'built', rolldownOptions: { output: { entryFileNames: 'main.mjs' } } } };",
    '',
  ].join('\n'),
};

/** The environment of a user's shell: no pnpm or npm script variables, no workspace bins on PATH. */
function userEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...OUTSIDE_VITEST_ENV };
  for (const key of Object.keys(process.env)) if (/^(npm_|pnpm_)/i.test(key)) env[key] = undefined;
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !dir.includes(`node_modules${path.sep}.bin`))
    .join(path.delimiter);
  return env;
}

let project: string;

function run(command: string, args: string[], env: Record<string, string | undefined> = {}): Promise<RunResult> {
  return runProcess(command, args, { cwd: project, env: { ...userEnv(), ...env } });
}

function succeeded(result: RunResult): RunResult {
  expect(result, result.stderr).toMatchObject({ code: 0 });
  return result;
}

beforeAll(async () => {
  const packDir = mkdtempSync(path.join(tmpdir(), 'linecount-pack-'));
  succeeded(await runProcess('pnpm', ['pack', '--pack-destination', packDir], { cwd: CLI_PACKAGE }));
  const tarball = path.join(packDir, readdirSync(packDir).find((file) => file.endsWith('.tgz'))!);
  project = createProject(FILES);
  succeeded(await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball, `vite@${VITE_VERSION}`]));
}, INSTALL_PATIENCE_MS);

describe(`${PACKAGE_NAME} installed by npm from its packed tarball (issue #16)`, () => {
  it('npx linecount -l -v on a .ts file: the table, and a hint that works in this shell', async () => {
    const result = succeeded(await run('npx', ['linecount', '-l', '-v', 'main.ts']));
    expect(result.stdout.startsWith('24\n')).toBe(true);
    expect(rowHits(readListing(result.stdout, 'steps'))).toEqual(COLLATZ_HITS);
    expect(result.stderr).toBe("Wrote profile results to 'main.ts.lcprof'\nInspect results with:\nnpx linecount view main.ts.lcprof\n");
  });

  it('npx linecount view: the same table from the results file', async () => {
    const result = succeeded(await run('npx', ['linecount', 'view', 'main.ts.lcprof']));
    expect(rowHits(readListing(result.stdout, 'steps'))).toEqual(COLLATZ_HITS);
  });

  it(`LINE_PROFILE=1 node --import ${PACKAGE_NAME}/register`, async () => {
    const result = succeeded(await run('node', ['--import', `${PACKAGE_NAME}/register`, 'app.js'], { LINE_PROFILE: '1' }));
    expect(result.stdout.startsWith('24\n')).toBe(true);
    expect(result.stdout.endsWith('To view details run:\nnpx linecount view profile_output.lcprof\n')).toBe(true);
    const results = readJson<Results>(project, 'profile_output.lcprof');
    expect(results.functions.map((fn) => [fn.file, fn.name])).toEqual([['app.js', 'steps']]);
  });

  it(`a Vite build with ${PACKAGE_NAME}/vite: profiled when run with LINE_PROFILE=1`, async () => {
    succeeded(await run('npx', ['vite', 'build']));
    const result = succeeded(await run('node', ['built/main.mjs'], { LINE_PROFILE: '1' }));
    expect(result.stdout.startsWith('24\n')).toBe(true);
    const report = succeeded(await run('npx', ['linecount', 'view', 'profile_output.lcprof']));
    expect(rowHits(readListing(report.stdout, 'steps'))).toEqual(COLLATZ_HITS);
  });
});
