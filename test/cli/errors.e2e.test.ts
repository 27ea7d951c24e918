import { describe, expect, it } from 'vitest';
import { createProject, runCli } from '../helpers/cli.js';

describe('user errors are one clear linecount: line (SPEC §9)', () => {
  it('a syntax error gives file:line:column and a code frame, exit 1', async () => {
    const cwd = createProject({ 'broken.ts': 'const a = 1;\n// @profile\nfunction f(x: number {\n  return x;\n}\n' });
    const result = await runCli(['-v', 'broken.ts'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const [first, ...frame] = result.stderr.trimEnd().split('\n');
    expect(first).toBe("linecount: broken.ts:3:22: Unexpected token, expected \",\"");
    expect(frame.join('\n')).toContain('> 3 | function f(x: number {\n    |                      ^');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a file the instrumenter fails on (not a syntax error) runs uninstrumented with a warning', async () => {
    // Babel overflows the stack on one expression of 2,500 terms in a function it prints
    // again; plain node runs it.
    const functions = Array.from({ length: 2500 }, (_, i) => `function f${i}(x) { return x + ${i}; }\n`).join('');
    const sum = Array.from({ length: 2500 }, (_, i) => `f${i}(0)`).join(' + ');
    const big = `${functions}function total() {\n  return ${sum};\n}\nmodule.exports = total();\n`;
    const cwd = createProject({ 'big.js': big, 'main.js': "console.log(require('./big.js'));\n" });
    const result = await runCli(['-q', '--no-cache', '-p', 'big.js', 'main.js'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('3123750\n');
    const [warning, ...rest] = result.stderr.trimEnd().split('\n');
    // The parser or the printer overflows, depending on how much stack V8's tiers leave.
    expect(warning).toMatch(/^linecount: warning: \S+\/big\.js: (cannot instrument it \(RangeError: )?Maximum call stack size exceeded\)?; running it uninstrumented$/);
    expect(rest).toEqual(['linecount: no functions were profiled (add // @profile or use -p)']);
  });

  it('a missing script gives exit 2 with a usage hint', async () => {
    const result = await runCli(['-lv', 'nope.ts'], { cwd: createProject() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('linecount: no such script: nope.ts\nusage: linecount [options] <script> [args…] (see linecount -h)\n');
  });

  it('no script at all is a usage error', async () => {
    const result = await runCli(['-v'], { cwd: createProject() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^linecount: no script given\nusage: /);
  });

  it('an unknown option is a usage error', async () => {
    const result = await runCli(['--frobnicate', 'a.js'], { cwd: createProject({ 'a.js': '' }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^linecount: Unknown option '--frobnicate'/);
  });

  it('an outfile in a missing directory is refused before the run', async () => {
    const result = await runCli(['-o', 'no/dir/out.lcprof', 'a.js'], { cwd: createProject({ 'a.js': 'console.log(1)' }) });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('linecount: cannot write no/dir/out.lcprof: no such directory no/dir\n');
  });

  it('a bad unit is a usage error', async () => {
    const result = await runCli(['-u', 'fast', 'a.js'], { cwd: createProject({ 'a.js': '' }) });
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toMatch(/^linecount: -u\/--unit needs a positive number of seconds, got 'fast'\n/);
  });

  it.each([
    ['not JSON', '{"format": "linecount",', 'invalid JSON'],
    ['a foreign JSON file', '{"name": "package"}', '"format" is not "linecount"'],
    ['a future version', '{"format": "linecount", "version": 9}', 'unsupported version 9, expected 1'],
    [
      'a broken row',
      '{"format":"linecount","version":1,"unit":1e-9,"functions":[{"file":"a","name":"f","line":1,"endLine":2,"totalTime":0,"lines":[[1,2]]}]}',
      'functions[0].lines has a row that is not [line, hits, time]',
    ],
  ])('view of %s gives the SPEC §6 message, exit 2', async (_name, text, reason) => {
    const cwd = createProject({ 'bad.lcprof': text });
    const result = await runCli(['view', 'bad.lcprof'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toMatch(new RegExp(`^linecount: bad\\.lcprof is not a linecount results file \\(${reason.replace(/[[\]().*"]/g, '\\$&')}`));
  });

  it('view of a missing file says so, exit 2', async () => {
    const result = await runCli(['view', 'missing.lcprof'], { cwd: createProject() });
    expect(result).toMatchObject({ code: 2, stderr: 'linecount: cannot read missing.lcprof (no such file)\n' });
  });

  it('-h and -V answer without running anything', async () => {
    const cwd = createProject();
    const help = await runCli(['-h'], { cwd });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('linecount [options] <script');
    const version = await runCli(['-V'], { cwd });
    expect(version.stdout).toMatch(/^linecount \d+\.\d+\.\d+\n$/);
  });
});
