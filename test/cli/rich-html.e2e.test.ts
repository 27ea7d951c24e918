import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createProject, readJson, runCli } from '../helpers/cli.js';

const APP = `// @profile
function fib(n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}
console.log(fib(12));
`;

// ESC [ : the start of an ANSI escape sequence.
const ANSI = new RegExp(String.raw`\u001b\[`);

interface Results {
  functions: { name: string; file: string; line: number; totalTime: number; lines: [number, number, number][] }[];
}

describe('-r/--rich, --html and view --json through the bin', () => {
  it('--rich colours with FORCE_COLOR, never with NO_COLOR or in a pipe; without escapes it is the plain report', async () => {
    const cwd = createProject({ 'app.js': APP });
    expect((await runCli(['-q', 'app.js'], { cwd })).code).toBe(0);
    const view = (flags: string[], env: Record<string, string | undefined>) => runCli(['view', ...flags, 'app.js.lcprof'], { cwd, env });
    const plain = await view([], { NO_COLOR: undefined, FORCE_COLOR: undefined });
    const forced = await view(['-r'], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    const noColor = await view(['--rich'], { NO_COLOR: '1', FORCE_COLOR: '1' });
    const pipe = await view(['-r'], { NO_COLOR: undefined, FORCE_COLOR: undefined });
    const notRich = await view([], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(plain.stdout).not.toMatch(ANSI);
    expect(forced.stdout).toMatch(ANSI);
    expect(stripVTControlCharacters(forced.stdout)).toBe(plain.stdout);
    for (const result of [noColor, pipe, notRich]) expect(result.stdout).toBe(plain.stdout);
  });

  it('a run with -v -r and FORCE_COLOR colours the report; the results file stays plain JSON', async () => {
    const cwd = createProject({ 'app.js': APP });
    const run = await runCli(['-v', '-r', 'app.js'], { cwd, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(ANSI);
    expect(stripVTControlCharacters(run.stdout)).toContain('Function: fib at line 1');
    expect(readFileSync(path.join(cwd, 'app.js.lcprof'), 'utf8')).not.toMatch(ANSI);
  });

  it('the configuration keys rich and html work as -r and --html', async () => {
    const config = JSON.stringify({ rich: true, html: 'conf.html' });
    const cwd = createProject({ 'app.js': APP, 'linecount.config.json': config });
    const run = await runCli(['-v', 'app.js'], { cwd, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(ANSI);
    expect(readFileSync(path.join(cwd, 'conf.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('view --json prints the merged results', async () => {
    const cwd = createProject({ 'app.js': APP });
    await runCli(['-q', '-o', 'a.lcprof', 'app.js'], { cwd });
    await runCli(['-q', '-o', 'b.lcprof', 'app.js'], { cwd });
    await runCli(['merge', '-o', 'ab.lcprof', 'a.lcprof', 'b.lcprof'], { cwd });
    const json = await runCli(['view', '--json', 'a.lcprof', 'b.lcprof'], { cwd });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(readJson(cwd, 'ab.lcprof'));
  });

  it('--html FILE after a run and from view: one page with the results file numbers', async () => {
    const cwd = createProject({ 'app.js': APP });
    const run = await runCli(['--html', 'run.html', 'app.js'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("Wrote HTML report to 'run.html'");
    const view = await runCli(['view', '--html', 'view.html', 'app.js.lcprof'], { cwd });
    expect(view.code).toBe(0);
    expect(view.stdout).toBe('');
    const results = readJson<Results>(cwd, 'app.js.lcprof');
    for (const page of ['run.html', 'view.html']) {
      const html = readFileSync(path.join(cwd, page), 'utf8');
      const data = JSON.parse(/<script id="linecount-data" type="application\/json">([^]*?)<\/script>/.exec(html)![1]!) as Results;
      expect(data.functions.map(({ name, file, line, totalTime, lines }) => ({ name, file, line, totalTime, lines }))).toEqual(
        results.functions.map(({ name, file, line, totalTime, lines }) => ({ name, file, line, totalTime, lines })),
      );
    }
  });
});
