/**
 * linecount's command-line options: the `parseArgs` table of each command, and the flag
 * of each setting with how its value reads (SPEC §4).
 */
import type { ParseArgsConfig } from 'node:util';
import { DEFAULT_SAMPLE_RATE, RECURSION_VIEWS, type RecursionView } from '@linecount/runtime';
import { DEFAULT_OUTPUT_INTERVAL } from '../session/constants.js';
import { LinecountError } from '../session/errors.js';
import { RUNTIMES, type RuntimeName } from '../session/runtimes.js';
import type { Settings } from '../session/settings.js';

/** A `parseArgs` option table. */
export type Options = NonNullable<ParseArgsConfig['options']>;

/** Usage line printed with usage errors. */
export const USAGE =
  'usage: linecount [options] <script> [args…] | linecount [options] -- <command…> | linecount view <file.lcprof>… | linecount diff <before.lcprof> <after.lcprof> (see linecount -h)';

/** A usage error (exit code 2), with the usage line. */
export function usageError(message: string): LinecountError {
  return new LinecountError('LINECOUNT_USAGE', message, USAGE);
}

const CONFIG_OPTIONS = {
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
} satisfies Options;

/** The report options of `diff` (issue 17); the others add `-r`. */
export const LISTING_OPTIONS = {
  unit: { type: 'string', short: 'u' },
  'skip-zero': { type: 'boolean', short: 'z' },
  sort: { type: 'boolean', short: 't' },
  summarize: { type: 'boolean' },
  html: { type: 'string' },
  top: { type: 'string' },
  ...CONFIG_OPTIONS,
} satisfies Options;

const REPORT_OPTIONS = {
  ...LISTING_OPTIONS,
  rich: { type: 'boolean', short: 'r' },
} satisfies Options;

/** `view` also prints the merged results as JSON (`--json`, SPEC §6) or writes them as pprof (`--pprof FILE`). */
export const VIEW_OPTIONS = {
  ...REPORT_OPTIONS,
  json: { type: 'boolean' },
  pprof: { type: 'string' },
} satisfies Options;

/** Options of `merge`. */
export const MERGE_OPTIONS = {
  outfile: { type: 'string', short: 'o' },
  pprof: { type: 'string' },
} satisfies Options;

/** Options of `diff`. */
export const DIFF_OPTIONS = {
  ...LISTING_OPTIONS,
  json: { type: 'boolean' },
} satisfies Options;

/** Options of a run (a script, `-e` code or a `-- command`). */
export const RUN_OPTIONS = {
  ...REPORT_OPTIONS,
  'line-by-line': { type: 'boolean', short: 'l' },
  view: { type: 'boolean', short: 'v', multiple: true },
  quiet: { type: 'boolean', short: 'q', multiple: true },
  outfile: { type: 'string', short: 'o' },
  eval: { type: 'string', short: 'e' },
  'output-interval': { type: 'string', short: 'i' },
  'no-await-time': { type: 'boolean' },
  'no-compensate': { type: 'boolean' },
  recursion: { type: 'string' },
  runtime: { type: 'string' },
  sample: { type: 'string' },
  'prof-mod': { type: 'string', short: 'p', multiple: true },
  'prof-imports': { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  setup: { type: 'string', short: 's' },
  version: { type: 'boolean', short: 'V' },
  help: { type: 'boolean', short: 'h' },
} satisfies Options;

/**
 * Options whose value may be left out, and the value then: `-i` alone means every
 * {@link DEFAULT_OUTPUT_INTERVAL} s, `--sample` alone 1 in {@link DEFAULT_SAMPLE_RATE}.
 */
export const OPTIONAL_VALUE = new Map([
  ['-i', DEFAULT_OUTPUT_INTERVAL],
  ['--output-interval', DEFAULT_OUTPUT_INTERVAL],
  ['--sample', DEFAULT_SAMPLE_RATE],
]);

/** A number of seconds as `-i` takes it. */
export const NUMBER = /^(\d+\.?\d*|\.\d+)$/;

/** What `parseArgs` gives for one option. */
type Value = string | boolean | string[] | boolean[] | undefined;

/** What `parseArgs` read, by option name. */
export type OptionValues = Partial<Record<string, Value>>;

/** A setting's flag: the option's name in {@link RUN_OPTIONS}, and the setting its value gives. */
interface SettingFlag<T> {
  readonly option: keyof typeof RUN_OPTIONS;
  read(value: Value): T | undefined;
}

const asIs = <T extends Value>(option: keyof typeof RUN_OPTIONS): SettingFlag<T> => ({ option, read: (value) => value as T });
const off = (option: keyof typeof RUN_OPTIONS): SettingFlag<boolean> => ({ option, read: (value) => (value ? false : undefined) });

/** Reads a string option's value with `parse`, given the value. */
function parsed<T>(option: keyof typeof RUN_OPTIONS, parse: (value: string) => T): SettingFlag<T> {
  return { option, read: (value) => (typeof value === 'string' ? parse(value) : undefined) };
}

function parseUnit(value: string): number {
  const unit = Number(value);
  if (!Number.isFinite(unit) || unit <= 0) throw usageError(`-u/--unit needs a positive number of seconds, got '${value}'`);
  return unit;
}

function parseInterval(value: string): number {
  if (!NUMBER.test(value)) throw usageError(`-i/--output-interval needs a number of seconds, got '${value}'`);
  return Number(value);
}

function parseSample(value: string): number {
  const rate = Number(value);
  if (!Number.isInteger(rate) || rate < 1) throw usageError(`--sample needs a whole number K ≥ 1 (time 1 in K executions), got '${value}'`);
  return rate;
}

function parseRecursion(value: string): RecursionView {
  if (!(RECURSION_VIEWS as readonly string[]).includes(value)) throw usageError(`--recursion needs ${RECURSION_VIEWS.join(' or ')}, got '${value}'`);
  return value as RecursionView;
}

function parseRuntime(value: string): RuntimeName {
  if (!(RUNTIMES as readonly string[]).includes(value)) throw usageError(`--runtime needs ${RUNTIMES.join(', ')}, got '${value}'`);
  return value as RuntimeName;
}

/** `--top N`: a positive whole number. */
export function parseTop(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) === 0) throw usageError(`--top needs a positive whole number, got '${value}'`);
  return Number(value);
}

/** Each setting's flag, or null for a setting only the configuration gives: the compiler wants one entry for each. */
const SETTING_FLAGS = {
  unit: parsed('unit', parseUnit),
  skipZero: asIs('skip-zero'),
  sort: asIs('sort'),
  summarize: asIs('summarize'),
  rich: asIs('rich'),
  html: asIs('html'),
  outputInterval: parsed('output-interval', parseInterval),
  outputPrefix: null,
  awaitTime: off('no-await-time'),
  compensate: off('no-compensate'),
  recursion: parsed('recursion', parseRecursion),
  runtime: parsed('runtime', parseRuntime),
  sample: parsed('sample', parseSample),
  profMod: asIs('prof-mod'),
  profImports: asIs('prof-imports'),
  cache: off('no-cache'),
  cacheDir: null,
} satisfies { [K in keyof Settings]: SettingFlag<Settings[K]> | null };

/**
 * The settings given on a command line, from what `parseArgs` read with any of the
 * tables above (a command without a setting's option never has its value). Throws a
 * usage error for a wrong value.
 */
export function settingFlags(values: OptionValues): Partial<Settings> {
  const flags: Partial<Record<keyof Settings, unknown>> = {};
  for (const [key, flag] of Object.entries(SETTING_FLAGS)) {
    const value = flag?.read(values[flag.option]);
    if (value !== undefined) flags[key as keyof Settings] = value;
  }
  return flags as Partial<Settings>;
}
