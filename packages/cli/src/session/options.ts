import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_RECURSION_VIEW, DEFAULT_SAMPLE_RATE, type RecursionView } from '@linecount/runtime';
import type { ReportFlags, RunFlags } from '../command/args.js';
import { CACHE_DIR_ENV, CACHE_SUBDIR } from './constants.js';
import { configuredProfMod, type Config } from './config.js';
import { DEFAULT_DISPLAY_UNIT } from '../report/text-report.js';
import type { RuntimeName } from './runtimes.js';

/** Options of `linecount view` and of the report after a run. */
export interface ViewOptions {
  unit: number;
  skipZero: boolean;
  sort: boolean;
  summarize: boolean;
  /** `-r/--rich`: colour the terminal report when stdout is a terminal or FORCE_COLOR is set. */
  rich: boolean;
  /** `--html FILE`: also write the HTML report there. */
  html: string | undefined;
  /** Only the N functions with the most time (`--top N`); undefined: all. */
  top?: number | undefined;
}

/** The `sample` key: `true` is the default rate, `false` or absent exact mode. */
export function configuredSample(sample: number | boolean | undefined): number | undefined {
  if (sample === true) return DEFAULT_SAMPLE_RATE;
  return sample === false ? undefined : sample;
}

/**
 * What is profiled and how (SPEC §3, §7): the settings that both the CLI's runs and the
 * LINE_PROFILE owner (from its configuration alone) resolve.
 */
export interface ProfilingSettings {
  awaitTime: boolean;
  compensate: boolean;
  /** `--recursion` / `recursion` (SPEC §3). */
  recursion: RecursionView;
  /** `--sample [K]` / `sample` (SPEC §3): sampled line times, 1 in K; undefined: exact mode. */
  sample: number | undefined;
  /** Seconds between intermediate writes of the results file; 0: only at the end. */
  outputInterval: number;
  /** `-p` / `profMod` targets as given, resolved where the program runs (SPEC §2). */
  profMod: string[];
  /** `--prof-imports` / `profImports`: also profile what the script imports directly. */
  profImports: boolean;
  /** Directory of the instrumented-output cache; undefined: `--no-cache` / `"cache": false`. */
  cacheDir: string | undefined;
}

/** Options of a profiling run, flags and configuration combined (SPEC §4, §7). */
export interface RunOptions extends ViewOptions, ProfilingSettings {
  verbose: number;
  quiet: number;
  outfile: string | undefined;
  evalCode: string | undefined;
  /** `-s FILE` as given: run, unprofiled, before the script. */
  setup: string | undefined;
  /** `--runtime` / `runtime`: what runs the script (issue 19). */
  runtime: RuntimeName;
}

/**
 * Report options: each flag given on the command line, else the configuration's key,
 * else the default.
 * @param [config.unit=1e-6] Display unit in seconds.
 */
export function resolveViewOptions(flags: ReportFlags, config: Config): ViewOptions {
  return {
    unit: flags.unit ?? config.unit ?? DEFAULT_DISPLAY_UNIT,
    skipZero: flags.skipZero ?? config.skipZero ?? false,
    sort: flags.sort ?? config.sort ?? false,
    summarize: flags.summarize ?? config.summarize ?? false,
    rich: flags.rich ?? config.rich ?? false,
    html: flags.html ?? config.html,
    top: flags.top,
  };
}

/**
 * The cache directory (issue #4): none with `--no-cache`, else LINECOUNT_CACHE_DIR, else
 * the configuration's `cacheDir` (relative to the cwd), else `node_modules/.cache/linecount`
 * when the cwd has a `node_modules`, else `linecount-cache` in the OS temporary directory.
 * @param enabled False for `--no-cache` or `"cache": false`.
 * @param configured The configuration's `cacheDir`.
 * @param [cwd=process.cwd()] What relative directories are resolved against.
 * @param [env=process.env] Where LINECOUNT_CACHE_DIR is read.
 */
export function resolveCacheDir(
  enabled: boolean,
  configured: string | undefined,
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (!enabled) return undefined;
  const fromEnv = env[CACHE_DIR_ENV];
  if (fromEnv) return path.resolve(cwd, fromEnv);
  if (configured) return path.resolve(cwd, configured);
  const modules = path.join(cwd, 'node_modules');
  return existsSync(modules) ? path.join(modules, ...CACHE_SUBDIR) : path.join(tmpdir(), 'linecount-cache');
}

/**
 * Run options: command-line flags over the configuration over the defaults
 * (await time charged, compensation on, no intermediate writes).
 */
export function resolveRunOptions(flags: RunFlags, config: Config): RunOptions {
  return {
    ...resolveViewOptions(flags, config),
    verbose: flags.verbose,
    quiet: flags.quiet,
    outfile: flags.outfile,
    evalCode: flags.evalCode,
    awaitTime: flags.awaitTime ?? config.awaitTime ?? true,
    compensate: flags.compensate ?? config.compensate ?? true,
    recursion: flags.recursion ?? config.recursion ?? DEFAULT_RECURSION_VIEW,
    sample: flags.sample ?? configuredSample(config.sample),
    outputInterval: flags.outputInterval ?? config.outputInterval ?? 0,
    profMod: flags.profMod ?? configuredProfMod(config),
    profImports: flags.profImports ?? config.profImports ?? false,
    cacheDir: resolveCacheDir(flags.cache ?? config.cache ?? true, config.cacheDir),
    setup: flags.setup,
    runtime: flags.runtime ?? config.runtime ?? 'node',
  };
}
