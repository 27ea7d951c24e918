import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hitsOf, readJson, runCli } from '../helpers/cli.js';
import { maskReport } from '../helpers/mask.js';
import { createLinkedProject, listOutputs, runNode, type Results } from '../helpers/register.js';

const WORK = `// @profile
function work(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s += i;
  return s;
}
`;

/** Hits of `work(3)` called once. */
const WORK_3 = { 3: 1, 4: 4, 5: 1 };

const OUTPUTS = ['profile_output.lcprof', 'profile_output.txt', 'profile_output_<stamp>.txt'];

/** What LINE_PROFILE mode prints after the program's own output (SPEC §7), time masked. */
function expectedStdout(summary: string, prefix = 'profile_output', unit = '1e-06'): RegExp {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^Timer unit: ${escape(unit)} s\\n\\n${summary}` +
      `Wrote profile results to ${escape(prefix)}\\.txt\\n` +
      `Wrote profile results to ${escape(prefix)}_\\d{4}-\\d\\d-\\d\\dT\\d{6}\\.txt\\n` +
      `Wrote profile results to ${escape(prefix)}\\.lcprof\\n` +
      `To view details run:\\nnpx linecount view ${escape(prefix)}\\.lcprof\\n$`,
    'm',
  );
}

describe('LINE_PROFILE off: @linecount/profiler/register does nothing at all (SPEC §7)', () => {
  const app = { 'app.js': `${WORK}console.log(work(3), JSON.stringify(process.argv.slice(2)));\n` };
  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['0', '0'],
    ['off', 'off'],
    ['FALSE', 'FALSE'],
    ['no', 'no'],
    ['n', 'n'],
    ['f', 'f'],
  ])('LINE_PROFILE %s: same output as plain node, no files', async (_name, value) => {
    const cwd = createLinkedProject(app);
    for (const preload of ['--import', '--require']) {
      const plain = await runNode(['app.js', 'x'], { cwd });
      const result = await runNode([preload, '@linecount/profiler/register', 'app.js', 'x'], { cwd, env: { LINE_PROFILE: value } });
      expect(result).toEqual(plain);
      expect(result).toMatchObject({ code: 0, stdout: '3 ["x"]\n', stderr: '' });
      expect(listOutputs(cwd)).toEqual(['app.js']);
    }
  });
});

describe('LINE_PROFILE on', () => {
  it.each(['1', 'yes', 'ON', 'anything'])('LINE_PROFILE=%s profiles, writes the three files and prints the SPEC §7 lines', async (value) => {
    const cwd = createLinkedProject({ 'app.js': `${WORK}console.log(work(3));\n` });
    const result = await runNode(['--import', '@linecount/profiler/register', 'app.js'], { cwd, env: { LINE_PROFILE: value } });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith('3\n')).toBe(true);
    expect(maskReport(result.stdout.slice(2))).toMatch(expectedStdout('###### seconds - app\\.js:1 - work\\n'));
    expect(listOutputs(cwd)).toEqual(['app.js', ...OUTPUTS]);
    expect(hitsOf(readJson<Results>(cwd, 'profile_output.lcprof'), 'work')).toEqual(WORK_3);
  });

  it('profile_output.txt and the timestamped copy hold what `linecount view` prints', async () => {
    const cwd = createLinkedProject({ 'app.js': `${WORK}work(3);\n` });
    await runNode(['--import', '@linecount/profiler/register', 'app.js'], { cwd, env: { LINE_PROFILE: '1' } });
    const view = await runCli(['view', 'profile_output.lcprof'], { cwd });
    const text = readFileSync(path.join(cwd, 'profile_output.txt'), 'utf8');
    expect(text).toBe(view.stdout);
    expect(text).toContain('Function: work at line 1');
    const stamped = readdirSync(cwd).find((name) => /^profile_output_.*\.txt$/.test(name));
    expect(readFileSync(path.join(cwd, stamped!), 'utf8')).toBe(text);
  });

  it('--line-profile in argv turns it on and is removed from process.argv', async () => {
    const cwd = createLinkedProject({ 'app.mjs': `${WORK}console.log(JSON.stringify(process.argv.slice(2)), work(3));\n` });
    const result = await runNode(['--import', '@linecount/profiler/register', 'app.mjs', 'a', '--line-profile', 'b'], { cwd });
    expect(result.stdout.split('\n')[0]).toBe('["a","b"] 3');
    expect(hitsOf(readJson<Results>(cwd, 'profile_output.lcprof'), 'work')).toEqual(WORK_3);
  });

  it.each([
    ['ESM .mjs with --import', 'app.mjs', `import { sep } from 'node:path';\n${WORK}work(3);\n`, '--import'],
    ['CJS .cjs with --require', 'app.cjs', `const { sep } = require('node:path');\n${WORK}work(3);\n`, '--require'],
    ['TS .ts with --require', 'app.ts', `${WORK.replace('(n)', '(n: number)')}work(3);\n`, '--require'],
    ['TS .mts with --import', 'app.mts', `import { sep } from 'node:path';\n${WORK.replace('(n)', '(n: number)')}work(3);\n`, '--import'],
    ['TS .cts with --import', 'app.cts', `${WORK.replace('(n)', '(n: number)')}work(3);\n`, '--import'],
  ])('%s', async (_name, file, source, preload) => {
    const cwd = createLinkedProject({ [file]: source });
    const result = await runNode([preload, '@linecount/profiler/register', file], { cwd, env: { LINE_PROFILE: '1' } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const offset = source.slice(0, source.indexOf('// @profile')).split('\n').length - 1;
    const expected = Object.fromEntries(Object.entries(WORK_3).map(([line, hits]) => [Number(line) + offset, hits]));
    expect(hitsOf(readJson<Results>(cwd, 'profile_output.lcprof'), 'work')).toEqual(expected);
  });

  it('no marked function: says so on stderr, writes nothing', async () => {
    const cwd = createLinkedProject({ 'plain.js': 'console.log("hi");\nprocess.exitCode = 4;\n' });
    const result = await runNode(['--import', '@linecount/profiler/register', 'plain.js'], { cwd, env: { LINE_PROFILE: '1' } });
    expect(result).toMatchObject({ code: 4, stdout: 'hi\n', stderr: 'linecount: no functions were profiled (add // @profile or use -p)\n' });
    expect(listOutputs(cwd)).toEqual(['plain.js']);
  });

  it('removes its parts directory', async () => {
    const cwd = createLinkedProject({ 'app.js': `${WORK}work(3);\nconsole.log(JSON.parse(process.env.LINECOUNT_SESSION).partsDir);\n` });
    const result = await runNode(['--require', '@linecount/profiler/register', 'app.js'], { cwd, env: { LINE_PROFILE: '1' } });
    const partsDir = result.stdout.split('\n')[0]!;
    expect(partsDir).toContain('linecount-parts-');
    expect(existsSync(partsDir)).toBe(false);
  });
});

describe('the files are written however the program ends; its exit status is kept (SPEC §7, §4)', () => {
  const cases: [string, string, number | null, NodeJS.Signals | null][] = [
    ['normal end', `work(3);\nprocess.exitCode = 5;\n`, 5, null],
    ['an uncaught throw', `work(3);\nthrow new Error('boom');\n`, 1, null],
    ['process.exit(3)', `work(3);\nprocess.exit(3);\n`, 3, null],
    ['an unhandled rejection', `work(3);\nPromise.reject(new Error('nope'));\n`, 1, null],
    ['SIGINT', `work(3);\nprocess.kill(process.pid, 'SIGINT');\nsetInterval(() => {}, 1000);\n`, null, 'SIGINT'],
    ['SIGTERM', `work(3);\nprocess.kill(process.pid, 'SIGTERM');\nsetInterval(() => {}, 1000);\n`, null, 'SIGTERM'],
  ];
  it.each(cases)('on %s', async (_name, tail, code, signal) => {
    const cwd = createLinkedProject({ 'app.js': WORK + tail });
    const result = await runNode(['--import', '@linecount/profiler/register', 'app.js'], { cwd, env: { LINE_PROFILE: '1' } });
    expect({ code: result.code, signal: result.signal }).toEqual({ code, signal });
    expect(maskReport(result.stdout)).toMatch(expectedStdout('###### seconds - app\\.js:1 - work\\n'));
    expect(listOutputs(cwd)).toEqual(['app.js', ...OUTPUTS]);
    expect(hitsOf(readJson<Results>(cwd, 'profile_output.lcprof'), 'work')).toEqual(WORK_3);
  });
});

describe('configuration of LINE_PROFILE mode (SPEC §7)', () => {
  it('outputPrefix, unit, summarize and sort come from package.json', async () => {
    const cwd = createLinkedProject({
      'package.json': JSON.stringify({ linecount: { outputPrefix: 'out/prof', unit: 1e-3, sort: true } }),
      'app.js': `${WORK}// @profile\nfunction idle() {}\nwork(3);\n`,
    });
    const result = await runNode(['--import', '@linecount/profiler/register', 'app.js'], { cwd, env: { LINE_PROFILE: '1' } });
    expect(result.stderr).toBe('');
    expect(maskReport(result.stdout)).toMatch(
      expectedStdout('###### seconds - app\\.js:7 - idle\\n###### seconds - app\\.js:1 - work\\n', 'out/prof', '0.001'),
    );
    expect(listOutputs(path.join(cwd, 'out'))).toEqual(['prof.lcprof', 'prof.txt', 'prof_<stamp>.txt']);
    expect(readFileSync(path.join(cwd, 'out/prof.txt'), 'utf8')).toMatch(/^Timer unit: 0\.001 s\n/);
  });

  it('LINECOUNT_CONFIG names the file; unknown keys and bad values are warnings, the program runs on', async () => {
    const cwd = createLinkedProject({
      'lc.json': JSON.stringify({ outputPrefix: 'custom', colour: true, frobnicate: 1 }),
      'bad.json': JSON.stringify({ unit: 'fast' }),
      'app.js': `${WORK}work(3);\n`,
    });
    const named = await runNode(['--import', '@linecount/profiler/register', 'app.js'], { cwd, env: { LINE_PROFILE: '1', LINECOUNT_CONFIG: 'lc.json' } });
    expect(named.stderr).toBe('linecount: warning: unknown config key(s) in lc.json: colour, frobnicate\n');
    expect(named.stdout).toContain('linecount view custom.lcprof\n');
    const bad = await runNode(['--import', '@linecount/profiler/register', 'app.js'], { cwd, env: { LINE_PROFILE: '1', LINECOUNT_CONFIG: 'bad.json' } });
    expect(bad.stderr).toBe('linecount: warning: config bad.json: "unit" must be a positive number of seconds, got "fast"; configuration ignored\n');
    expect(bad.code).toBe(0);
    expect(bad.stdout).toContain('linecount view profile_output.lcprof\n');
  });
});
