import { CONFIG_ENV } from '../../session/constants.js';
import { loadConfig } from '../../session/config.js';
import { LinecountError } from '../../session/errors.js';
import { createSettings, type Config } from '../../session/create-settings.js';
import type { Settings } from '../../session/settings.js';
import { warn } from '../../session/diagnostics.js';

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

/**
 * The LINE_PROFILE owner's settings: the configuration found from `cwd` (or named by
 * LINECOUNT_CONFIG) under LINE_PROFILE mode's environment variables
 * (LINECOUNT_OUTPUT_INTERVAL over `outputInterval`, LINECOUNT_CACHE_DIR over `cacheDir`),
 * defaults for the rest. Problems become warnings on stderr.
 */
export function readOwnerSettings(cwd: string, env: NodeJS.ProcessEnv = process.env): Settings {
  return createSettings({ config: readConfig(cwd, env), env, lineProfile: true, cwd });
}
