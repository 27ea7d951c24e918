import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_RECURSION_VIEW, DEFAULT_SAMPLE_RATE, RECURSION_VIEWS } from '@linecount/runtime';
import { CACHE_DIR_ENV, CACHE_SUBDIR, DEFAULT_OUTPUT_PREFIX, OUTPUT_INTERVAL_ENV } from './constants.js';
import { warn } from './diagnostics.js';
import { DEFAULT_DISPLAY_UNIT } from '../report/kernprof-text.js';
import { RUNTIMES } from './runtimes.js';
import { SETTING_KEYS, type Settings } from './settings.js';

type Check<C> = (value: unknown) => value is C;

/** Everything about one setting but its command-line flag (command/flags.ts) and its effect on the transform (settings.ts). */
interface SettingSpec<T> {
  /** The value when no flag, environment variable or configuration key gives one. */
  readonly default: T;
  /** Whether a configuration file's value is right, and what it must be (for the message). */
  readonly accepts: Check<unknown>;
  readonly expected: string;
  /** The setting a configuration value stands for; absent: the value itself. */
  readonly fromConfig?: (value: never) => T;
  /** An environment variable over the configuration, and how its value reads (undefined: ignored). */
  readonly env?: { readonly name: string; readonly lineProfileOnly: boolean; read(raw: string): T | undefined };
}

const isBoolean: Check<boolean> = (value) => typeof value === 'boolean';
const isString: Check<string> = (value): value is string => typeof value === 'string' && value !== '';
const isStrings: Check<string | string[]> = (value): value is string | string[] => isString(value) || (Array.isArray(value) && value.every(isString));
const isNonNegative: Check<number> = (value): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isSample: Check<number | boolean> = (value): value is number | boolean => isBoolean(value) || (Number.isInteger(value) && (value as number) >= 1);
const isOneOf = <T extends string>(values: readonly T[]): Check<T> => (value): value is T => (values as readonly unknown[]).includes(value);
const quoted = (values: readonly string[], joint: string): string => values.map((value) => `"${value}"`).join(joint);

/** A setting that is on or off. */
const flag = (fallback: boolean) => ({ default: fallback, accepts: isBoolean, expected: 'true or false' }) as const;

/** Reads a number of seconds from the environment; a wrong one is a warning (SPEC §9) and ignored. */
function readSeconds(name: string, raw: string): number | undefined {
  if (raw === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  warn(`${name} needs a number of seconds, got '${raw}'; ignored`);
  return undefined;
}

/** Every setting's default, configuration check and environment variable: the compiler wants one entry for each. */
export const SETTINGS = {
  unit: { default: DEFAULT_DISPLAY_UNIT, accepts: (value): value is number => isNonNegative(value) && value > 0, expected: 'a positive number of seconds' },
  skipZero: flag(false),
  sort: flag(false),
  summarize: flag(false),
  rich: flag(false),
  html: { default: undefined, accepts: isString, expected: 'a file name' },
  outputInterval: {
    default: 0,
    accepts: isNonNegative,
    expected: 'a number of seconds (0: off)',
    env: { name: OUTPUT_INTERVAL_ENV, lineProfileOnly: true, read: (raw: string) => readSeconds(OUTPUT_INTERVAL_ENV, raw) },
  },
  outputPrefix: { default: DEFAULT_OUTPUT_PREFIX, accepts: isString, expected: 'a non-empty string' },
  awaitTime: flag(true),
  compensate: flag(true),
  recursion: { default: DEFAULT_RECURSION_VIEW, accepts: isOneOf(RECURSION_VIEWS), expected: quoted(RECURSION_VIEWS, ' or ') },
  runtime: { default: 'node', accepts: isOneOf(RUNTIMES), expected: quoted(RUNTIMES, ', ') },
  sample: {
    default: undefined,
    accepts: isSample,
    expected: 'true, false or a whole number K ≥ 1',
    fromConfig: (value: number | boolean) => (value === true ? DEFAULT_SAMPLE_RATE : value === false ? undefined : value),
  },
  profMod: { default: [], accepts: isStrings, expected: 'a string or an array of strings', fromConfig: (value: string | string[]) => [value].flat() },
  profImports: flag(false),
  cache: flag(true),
  cacheDir: {
    default: undefined,
    accepts: isString,
    expected: 'a directory name',
    env: { name: CACHE_DIR_ENV, lineProfileOnly: false, read: (raw: string) => raw || undefined },
  },
} satisfies { [K in keyof Settings]: SettingSpec<Settings[K]> };

type ConfigValue<K extends keyof Settings> = (typeof SETTINGS)[K]['accepts'] extends Check<infer C> ? C : never;

/**
 * The configuration (SPEC §7): one optional key per setting, as a configuration file
 * writes it (`sample: true`, `profMod: "src"`); it applies to CLI runs, to `view` and to
 * LINE_PROFILE mode.
 */
export type Config = { [K in keyof Settings]?: ConfigValue<K> };

/** Where settings come from, the first that gives a value winning: flags, environment, configuration, default. */
export interface SettingsSources {
  /** Command-line flags, undefined where not given. */
  flags?: Partial<Settings>;
  /** The environment whose variables override the configuration (`LINECOUNT_CACHE_DIR`, …). */
  env?: NodeJS.ProcessEnv;
  /** LINE_PROFILE mode: also read its own variables (`LINECOUNT_OUTPUT_INTERVAL`). */
  lineProfile?: boolean;
  config?: Config;
  /** What relative directories are resolved against. @default process.cwd() */
  cwd?: string;
}

function fromEnv(key: keyof Settings, sources: SettingsSources): unknown {
  const spec: SettingSpec<unknown> = SETTINGS[key];
  const raw = spec.env && sources.env?.[spec.env.name];
  if (raw === undefined || (spec.env!.lineProfileOnly && !sources.lineProfile)) return undefined;
  return spec.env!.read(raw);
}

function fromConfig(key: keyof Settings, config: Config): unknown {
  const spec: SettingSpec<unknown> = SETTINGS[key];
  const value = config[key];
  return value === undefined || !spec.fromConfig ? value : spec.fromConfig(value as never);
}

/** The cache directory when none is configured (issue #4). */
function defaultCacheDir(cwd: string): string {
  const modules = path.join(cwd, 'node_modules');
  return existsSync(modules) ? path.join(modules, ...CACHE_SUBDIR) : path.join(tmpdir(), 'linecount-cache');
}

/**
 * The settings: each from the first of its flag, its environment variable, the
 * configuration and its default that gives one (SPEC §7), with the cache directory
 * resolved (see {@link Settings.cacheDir}).
 * @param [sources={}] See {@link SettingsSources}.
 */
export function createSettings(sources: SettingsSources = {}): Settings {
  const { flags = {}, config = {}, cwd = process.cwd() } = sources;
  const given = (key: keyof Settings): unknown => flags[key] ?? fromEnv(key, sources) ?? fromConfig(key, config);
  const settings = Object.fromEntries(SETTING_KEYS.map((key) => [key, given(key) ?? SETTINGS[key].default])) as unknown as Settings;
  settings.cacheDir = settings.cache ? path.resolve(cwd, settings.cacheDir ?? defaultCacheDir(cwd)) : undefined;
  return settings;
}

