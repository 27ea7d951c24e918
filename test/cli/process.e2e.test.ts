import { describe, expect, it } from 'vitest';
import { createProject, hitsOf, readJson, runCli } from '../helpers/cli.js';

type Results = Parameters<typeof hitsOf>[0];

const WORK = `// @profile
function work(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s += i;
  return s;
}
`;

describe('the profiled program runs as under node', () => {
  it('passes argv, stdin, stdout, stderr and the exit code through', async () => {
    const cwd = createProject({
      'echo.mjs': `${WORK}
let input = '';
for await (const chunk of process.stdin) input += chunk;
console.log(JSON.stringify(process.argv.slice(2)), input.trim(), work(4));
console.error('to stderr');
process.exitCode = 7;
`,
    });
    const result = await runCli(['-q', 'echo.mjs', 'a', '-v', '--x=1'], { cwd, input: 'from stdin\n' });
    expect(result.stdout).toBe('["a","-v","--x=1"] from stdin 6\n');
    expect(result.stderr).toBe('to stderr\n');
    expect(result.code).toBe(7);
    expect(hitsOf(readJson<Results>(cwd, 'echo.mjs.lcprof'), 'work')).toEqual({ 3: 1, 4: 5, 5: 1 });
  });

  it('-qq also hides the script stdout', async () => {
    const cwd = createProject({ 'a.js': `${WORK}console.log(work(3));\n` });
    const result = await runCli(['-qq', 'a.js'], { cwd });
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('-o chooses the results file', async () => {
    const cwd = createProject({ 'a.js': `${WORK}work(2);\n` });
    const result = await runCli(['-o', 'out/custom.lcprof', 'a.js'], { cwd: createProject({ 'a.js': `${WORK}work(2);\n`, 'out/.keep': '' }) });
    expect(result.stderr).toContain("Wrote profile results to 'out/custom.lcprof'");
    const ok = await runCli(['--outfile=custom.lcprof', 'a.js'], { cwd });
    expect(ok.stderr).toContain("Wrote profile results to 'custom.lcprof'");
    expect(hitsOf(readJson<Results>(cwd, 'custom.lcprof'), 'work')).toEqual({ 3: 1, 4: 3, 5: 1 });
  });
});

describe('results are written however the program ends (SPEC §4)', () => {
  const cases: [string, string, number][] = [
    ['an uncaught throw', `work(3);\nthrow new Error('boom');\n`, 1],
    ['process.exit(3)', `work(3);\nprocess.exit(3);\n`, 3],
    ['an unhandled rejection', `work(3);\nPromise.reject(new Error('nope'));\n`, 1],
    ['SIGINT', `work(3);\nprocess.kill(process.pid, 'SIGINT');\nsetInterval(() => {}, 1000);\n`, 130],
    ['SIGTERM', `work(3);\nprocess.kill(process.pid, 'SIGTERM');\nsetInterval(() => {}, 1000);\n`, 143],
  ];
  it.each(cases)('on %s', async (_name, tail, code) => {
    const cwd = createProject({ 'a.js': WORK + tail });
    const result = await runCli(['a.js'], { cwd });
    expect(result.code).toBe(code);
    expect(result.stderr).toContain("Wrote profile results to 'a.js.lcprof'");
    expect(hitsOf(readJson<Results>(cwd, 'a.js.lcprof'), 'work')).toEqual({ 3: 1, 4: 4, 5: 1 });
  });

  it("leaves a program's own SIGINT handler in charge", async () => {
    const cwd = createProject({
      'a.js': `${WORK}process.on('SIGINT', () => { console.log('handled'); process.exit(0); });\nwork(3);\nprocess.kill(process.pid, 'SIGINT');\nsetInterval(() => {}, 1000);\n`,
    });
    const result = await runCli(['a.js'], { cwd });
    expect(result.stdout).toBe('handled\n');
    expect(result.code).toBe(0);
    expect(hitsOf(readJson<Results>(cwd, 'a.js.lcprof'), 'work')).toEqual({ 3: 1, 4: 4, 5: 1 });
  });
});

describe('-e CODE', () => {
  it('profiles inline code and shows it as [eval]', async () => {
    const cwd = createProject();
    const result = await runCli(['-v', '-e', `${WORK}console.log(work(5));`], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('10\n');
    expect(result.stdout).toContain('File: [eval]\nFunction: work at line 1');
    expect(result.stdout).toMatch(/^ {5}4 {9}6 .* {4}for \(let i = 0; i < n; i\+\+\) s \+= i;$/m);
    expect(hitsOf(readJson<Results>(cwd, 'eval.lcprof'), 'work')).toEqual({ 3: 1, 4: 6, 5: 1 });
  });
});

describe('no profiled function', () => {
  it('runs normally, says so and keeps the exit code', async () => {
    const cwd = createProject({ 'plain.js': 'console.log("hi");\nprocess.exitCode = 4;\n' });
    const result = await runCli(['-v', 'plain.js'], { cwd });
    expect(result).toMatchObject({
      code: 4,
      stdout: 'hi\n',
      stderr: 'linecount: no functions were profiled (add // @profile or use -p)\n',
    });
  });
});
