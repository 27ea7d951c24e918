/**
 * One settings object (issue 15 §1): each setting is read from the configuration file
 * and from its flag alike, and every process of a session gets all of them unchanged.
 * The tables below have one entry per setting: they do not typecheck when a setting is
 * added and left out, and then each test here covers it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommandLine, type RunFlags } from '../../packages/cli/src/command/args.js';
import { loadConfig } from '../../packages/cli/src/session/config.js';
import { resolveOptions } from '../../packages/cli/src/session/options.js';
import { readOwnerSettings } from '../../packages/cli/src/node/profiler/owner-config.js';
import { createSession, readSession, sessionEnv } from '../../packages/cli/src/session/session.js';
import { createSettings, type Config } from '../../packages/cli/src/session/create-settings.js';
import { SETTING_KEYS, type Settings } from '../../packages/cli/src/session/settings.js';

const cwd = mkdtempSync(path.join(tmpdir(), 'lc-settings-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** A value of every configuration key other than its default (`cache`: see below). */
const CONFIG: Required<Config> = {
  unit: 0.001,
  skipZero: true,
  sort: true,
  summarize: true,
  rich: true,
  html: 'report.html',
  outputInterval: 2,
  outputPrefix: 'out',
  awaitTime: false,
  compensate: false,
  recursion: 'inclusive',
  runtime: 'bun',
  sample: 7,
  profMod: ['src'],
  profImports: true,
  cache: false,
  cacheDir: 'here',
};

/** Each setting's flag, with the value of {@link CONFIG}; null: the configuration alone sets it. */
const FLAGS: Record<keyof Settings, string[] | null> = {
  unit: ['-u', '0.001'],
  skipZero: ['-z'],
  sort: ['-t'],
  summarize: ['--summarize'],
  rich: ['-r'],
  html: ['--html', 'report.html'],
  outputInterval: ['-i', '2'],
  outputPrefix: null,
  awaitTime: ['--no-await-time'],
  compensate: ['--no-compensate'],
  recursion: ['--recursion', 'inclusive'],
  runtime: ['--runtime', 'bun'],
  sample: ['--sample', '7'],
  profMod: ['-p', 'src'],
  profImports: ['--prof-imports'],
  cache: ['--no-cache'],
  cacheDir: null,
};

const defaults = createSettings({ cwd });

/** The settings of a configuration file holding `config`, read as the CLI reads it. */
function fromConfigFile(config: Config): Settings {
  writeFileSync(path.join(cwd, 'linecount.config.json'), JSON.stringify(config));
  return createSettings({ config: loadConfig({ cwd }).config, cwd });
}

/** The settings a process of a session started with `settings` reads from its environment. */
function inChild(settings: Settings): Settings | undefined {
  const session = createSession(settings, { cwd, hooks: true });
  rmSync(session.partsDir, { recursive: true });
  return readSession({ ...sessionEnv(session, {}, '/lib/register.cjs') })?.settings;
}

describe('settings: configuration → session → every process', () => {
  // `cache: false` leaves no cache directory: the second file has the cache on, in `cacheDir`.
  const configured = [fromConfigFile(CONFIG), fromConfigFile({ ...CONFIG, cache: true })];

  it('every setting is read from the configuration (none is left at its default by both files)', () => {
    const unchanged = SETTING_KEYS.filter((key) => configured.every((settings) => JSON.stringify(settings[key]) === JSON.stringify(defaults[key])));
    expect(unchanged).toEqual([]);
    expect(configured[1]!.cacheDir).toBe(path.join(cwd, 'here'));
  });

  it.each(configured.map((settings, i) => [i, settings]))('every setting of file %i reaches the processes of the session unchanged', (_, settings) => {
    expect(inChild(settings)).toStrictEqual(JSON.parse(JSON.stringify(settings)));
    expect(Object.keys(inChild(settings)!).sort()).toEqual(SETTING_KEYS.filter((key) => settings[key] !== undefined).sort());
  });

  it("a command's options put its settings alone in the session", () => {
    const { flags } = parseCommandLine(['-v', '-o', 'x.lcprof', 'app.js']) as { flags: RunFlags };
    expect(Object.keys(inChild(resolveOptions(flags, {}))!).sort()).toEqual(Object.keys(JSON.parse(JSON.stringify(defaults))).sort());
  });
});

describe('settings: flags', () => {
  it.each(SETTING_KEYS.filter((key) => FLAGS[key] !== null))('%s: its flag gives what the configuration key gives', (key) => {
    const { flags } = parseCommandLine([...FLAGS[key]!, 'app.js']) as { flags: RunFlags };
    const fromFlag = createSettings({ flags, cwd });
    expect(fromFlag[key]).toEqual(createSettings({ config: { [key]: CONFIG[key] }, cwd })[key]);
    expect(fromFlag[key]).not.toEqual(defaults[key]);
  });

  it('a flag wins over the environment, which wins over the configuration', () => {
    const env = { LINECOUNT_OUTPUT_INTERVAL: '3', LINECOUNT_CACHE_DIR: 'from-env' };
    const config = { outputInterval: 2, cacheDir: 'from-config' };
    expect(createSettings({ config, env, lineProfile: true, cwd })).toMatchObject({ outputInterval: 3, cacheDir: path.join(cwd, 'from-env') });
    expect(createSettings({ flags: { outputInterval: 4 }, config, env, lineProfile: true, cwd }).outputInterval).toBe(4);
    expect(createSettings({ flags: { cache: false }, config, env, cwd }).cacheDir).toBeUndefined();
  });

  it('LINECOUNT_OUTPUT_INTERVAL is LINE_PROFILE mode\'s: the CLI reads its flag and the configuration', () => {
    expect(createSettings({ config: { outputInterval: 2 }, env: { LINECOUNT_OUTPUT_INTERVAL: '3' }, cwd }).outputInterval).toBe(2);
  });

  it('the LINE_PROFILE owner reads the configuration under its environment', () => {
    writeFileSync(path.join(cwd, 'linecount.config.json'), JSON.stringify(CONFIG));
    expect(readOwnerSettings(cwd, { LINECOUNT_OUTPUT_INTERVAL: '5' })).toEqual({ ...fromConfigFile(CONFIG), outputInterval: 5 });
  });
});
