import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { detectProfiling, isLineProfileOn } from '../../packages/cli/src/session/profiling-switch.js';
import { quoteNodeOption, withRegisterOption } from '../../packages/cli/src/session/session.js';

describe('LINE_PROFILE values (SPEC §7)', () => {
  it.each(['', '0', 'off', 'OFF', 'false', 'False', 'no', 'n', 'N', 'f', ' 0 '])('%j is off', (value) => {
    expect(isLineProfileOn(value)).toBe(false);
  });
  it.each(['1', 'on', 'true', 'yes', 'y', 'anything', '2'])('%j is on', (value) => {
    expect(isLineProfileOn(value)).toBe(true);
  });
  it('unset is off', () => expect(isLineProfileOn(undefined)).toBe(false));
});

describe('detectProfiling', () => {
  const argv = ['node', 'app.js'];
  it('a session in the environment comes first', () => {
    expect(detectProfiling({ LINECOUNT_SESSION: '{}', LINE_PROFILE: '0' }, argv)).toBe('session');
  });
  it('LINE_PROFILE or --line-profile after the script', () => {
    expect(detectProfiling({ LINE_PROFILE: '1' }, argv)).toBe('line-profile');
    expect(detectProfiling({}, [...argv, 'x', '--line-profile'])).toBe('line-profile');
    expect(detectProfiling({}, ['node', '--line-profile'])).toBe(undefined);
    expect(detectProfiling({ LINE_PROFILE: 'no' }, argv)).toBe(undefined);
  });
});

describe('NODE_OPTIONS', () => {
  it('quotes paths with spaces, quotes and backslashes the way Node reads them', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'linecount-quote-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const dir = path.join(root, 'a dir "with" \\ odd');
    mkdirSync(dir);
    const preload = path.join(dir, 'pre load.cjs');
    writeFileSync(preload, 'process.stdout.write("preloaded ");\n');
    const options = withRegisterOption('--no-warnings', preload);
    expect(options).toBe(`--no-warnings --require ${quoteNodeOption(preload)}`);
    const result = spawnSync(process.execPath, ['-e', 'console.log("main")'], { env: { ...process.env, NODE_OPTIONS: options }, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('preloaded main\n');
  });

  it('adds the preload once', () => {
    const once = withRegisterOption(undefined, '/x/register.cjs');
    expect(once).toBe('--require "/x/register.cjs"');
    expect(withRegisterOption(once, '/x/register.cjs')).toBe(once);
  });
});
