import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject, runCli } from '../helpers/cli.js';

/*
 * SPEC §7 configuration, through the real bin. Precedence: command-line flags > an
 * explicit file (--config / LINECOUNT_CONFIG) > the discovered one (package.json's
 * "linecount" key or linecount.config.json, from the cwd up).
 */

const APP = `// @profile
function used(n) {
  return n + 1;
}
// @profile
function unused() {
  return 0;
}
used(1);
`;

/** The timer unit and the function names a `-v` report shows. */
function shape(stdout: string): { unit: string | undefined; functions: string[]; summary: boolean } {
  return {
    unit: /^Timer unit: (\S+) s$/m.exec(stdout)?.[1],
    functions: [...stdout.matchAll(/^Function: (\S+)/gm)].map((m) => m[1]!),
    summary: / seconds - app\.js:1 - used$/m.test(stdout),
  };
}

describe('configuration (SPEC §7)', () => {
  it('the "linecount" key of package.json applies to a run', async () => {
    const cwd = createProject({ 'app.js': APP, 'package.json': JSON.stringify({ name: 'x', linecount: { unit: 1e-3, skipZero: true, summarize: true } }) });
    const result = await runCli(['-q', '-v', 'app.js'], { cwd });
    expect(result.stderr).toBe('');
    expect(shape(result.stdout)).toEqual({ unit: '0.001', functions: ['used'], summary: true });
  });

  it('linecount.config.json is found from a subdirectory, and applies to view too', async () => {
    const root = createProject({ 'sub/app.js': APP, 'linecount.config.json': JSON.stringify({ unit: 1 }) });
    const cwd = path.join(root, 'sub');
    expect(shape((await runCli(['-q', '-v', 'app.js'], { cwd })).stdout).unit).toBe('1');
    expect(shape((await runCli(['view', 'app.js.lcprof'], { cwd })).stdout).unit).toBe('1');
  });

  it('precedence: flags > --config FILE > LINECOUNT_CONFIG > discovered', async () => {
    const cwd = createProject({
      'app.js': APP,
      'linecount.config.json': JSON.stringify({ unit: 1, skipZero: true }),
      'explicit.json': JSON.stringify({ unit: 1e-3 }),
      'env.json': JSON.stringify({ unit: 1e-9 }),
    });
    const run = async (args: string[], env: Record<string, string> = {}) => shape((await runCli(['-q', '-v', ...args, 'app.js'], { cwd, env })).stdout);
    expect(await run([])).toEqual({ unit: '1', functions: ['used'], summary: false });
    // The explicit file overrides the discovered one key by key: skipZero still holds.
    expect(await run(['--config', 'explicit.json'])).toEqual({ unit: '0.001', functions: ['used'], summary: false });
    expect(await run([], { LINECOUNT_CONFIG: 'env.json' })).toMatchObject({ unit: '1e-09' });
    expect(await run(['--config', 'explicit.json'], { LINECOUNT_CONFIG: 'env.json' })).toMatchObject({ unit: '0.001' });
    expect(await run(['--config', 'explicit.json', '-u', '1e-6', '--summarize'])).toEqual({ unit: '1e-06', functions: ['used'], summary: true });
    expect(await run(['--no-config'])).toEqual({ unit: '1e-06', functions: ['used', 'unused'], summary: false });
  });

  it('unknown keys: one warning line naming them; the run goes on', async () => {
    const cwd = createProject({ 'app.js': APP, 'linecount.config.json': JSON.stringify({ unit: 1, colour: 'auto', frobnicate: 1 }) });
    const result = await runCli(['-q', 'app.js'], { cwd });
    expect(result).toMatchObject({ code: 0, stderr: 'linecount: warning: unknown config key(s) in linecount.config.json: colour, frobnicate\n' });
  });

  it('keys of later issues (rich, profMod, html) are accepted silently', async () => {
    const cwd = createProject({ 'app.js': APP, 'linecount.config.json': JSON.stringify({ rich: true, profMod: ['app.js'], html: 'r.html', profImports: false }) });
    expect(await runCli(['-q', 'app.js'], { cwd })).toMatchObject({ code: 0, stderr: '' });
  });

  it('profMod and cacheDir from the configuration apply like -p and LINECOUNT_CACHE_DIR (issue #4)', async () => {
    const cwd = createProject({ 'app.js': APP, 'linecount.config.json': JSON.stringify({ profMod: 'app.js,nope', cacheDir: 'c' }) });
    const result = await runCli(['-q', '-v', 'app.js'], { cwd });
    expect(result).toMatchObject({ code: 0, stderr: 'linecount: warning: -p nope: no such file or package\n' });
    expect(result.stdout).toContain('Function: <module> at line 1');
    // One entry of instrumented code (the cache also keeps the probe cost and the syntax check, issue #12).
    expect(readdirSync(path.join(cwd, 'c')).filter((name) => name.endsWith('.js'))).toHaveLength(1);
  });

  it.each([
    ['a value of the wrong type', { 'linecount.config.json': '{"unit": "fast"}' }, [], 'linecount: config linecount.config.json: "unit" must be a positive number of seconds, got "fast"\n'],
    ['invalid JSON', { 'linecount.config.json': '{"unit": ' }, [], /^linecount: config linecount\.config\.json is not valid JSON \(/],
    ['a missing --config file', {}, ['--config', 'nope.json'], 'linecount: cannot read config nope.json (no such file)\n'],
    ['a package.json without the key, named explicitly', { 'package.json': '{}' }, ['--config', 'package.json'], 'linecount: config package.json has no "linecount" object\n'],
  ])('%s is an error, exit 2', async (_name, files, args, message) => {
    const result = await runCli([...args, 'app.js'], { cwd: createProject({ 'app.js': APP, ...files }) });
    expect(result.code).toBe(2);
    if (typeof message === 'string') expect(result.stderr).toBe(message);
    else expect(result.stderr).toMatch(message);
  });

  it('--config and --no-config together are a usage error', async () => {
    const result = await runCli(['--config', 'a.json', '--no-config', 'app.js'], { cwd: createProject({ 'app.js': APP }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^linecount: --config and --no-config exclude each other\n/);
  });
});
