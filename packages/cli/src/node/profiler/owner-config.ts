import { DEFAULT_RECURSION_VIEW } from '@linecount/runtime';
import { CONFIG_ENV, DEFAULT_OUTPUT_PREFIX, OUTPUT_INTERVAL_ENV } from '../../session/constants.js';
import { configuredProfMod, loadConfig, type Config } from '../../session/config.js';
import { LinecountError } from '../../session/errors.js';
import { configuredSample, resolveCacheDir, resolveViewOptions, type ProfilingSettings, type ViewOptions } from '../../session/options.js';
import { warn } from '../../session/diagnostics.js';

/** What the LINE_PROFILE owner takes from its configuration. */
export interface OwnerSettings extends ProfilingSettings {
  outputPrefix: string;
  report: ViewOptions;
}

function readConfig(cwd: string, env: NodeJS.ProcessEnv): Config {
  try {
    const loaded = loadConfig({ cwd, explicit: env[CONFIG_ENV] || undefined });
    loaded.warnings.forEach(warn);
    return loaded.config;
  } catch (error) {
    // A bad configuration must not stop the program (SPEC §9): say so, use the defaults.
    if (!(error instanceof LinecountError)) throw error;
    warn(`${error.message}; configuration ignored`);
    return {};
  }
}

function readIntervalEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env[OUTPUT_INTERVAL_ENV];
  if (raw === undefined || raw === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  warn(`${OUTPUT_INTERVAL_ENV} needs a number of seconds, got '${raw}'; ignored`);
  return undefined;
}

/**
 * The LINE_PROFILE owner's settings: the configuration found from `cwd` (or named by
 * LINECOUNT_CONFIG), LINECOUNT_OUTPUT_INTERVAL over its `outputInterval`, the cache
 * directory as the CLI finds it (LINECOUNT_CACHE_DIR, `cacheDir`, node_modules/.cache),
 * defaults for the rest. Problems become warnings on stderr.
 */
export function readOwnerSettings(cwd: string, env: NodeJS.ProcessEnv = process.env): OwnerSettings {
  const config = readConfig(cwd, env);
  return {
    outputPrefix: config.outputPrefix ?? DEFAULT_OUTPUT_PREFIX,
    report: resolveViewOptions({}, config),
    awaitTime: config.awaitTime ?? true,
    compensate: config.compensate ?? true,
    recursion: config.recursion ?? DEFAULT_RECURSION_VIEW,
    sample: configuredSample(config.sample),
    outputInterval: readIntervalEnv(env) ?? config.outputInterval ?? 0,
    profMod: configuredProfMod(config),
    profImports: config.profImports ?? false,
    cacheDir: resolveCacheDir(config.cache ?? true, config.cacheDir, cwd, env),
  };
}
