import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME, PACKAGE_JSON_KEY } from './constants.js';
import { LinecountError } from './errors.js';
import { SETTINGS, type Config } from './create-settings.js';

/** Where configuration comes from. */
export interface ConfigSources {
  /** Where the search for a configuration starts. */
  cwd: string;
  /** A file named by `--config` or `LINECOUNT_CONFIG`; its keys override the discovered ones. */
  explicit?: string | undefined;
  /** `--no-config`: read no configuration at all. */
  disabled?: boolean;
}

/** A loaded configuration and what the user should be told about it. */
export interface LoadedConfig {
  config: Config;
  /** Files read, discovered first. */
  files: string[];
  /** Warning messages (unknown keys), without the `linecount: warning: ` prefix. */
  warnings: string[];
}

function configError(message: string): LinecountError {
  return new LinecountError('LINECOUNT_CONFIG', message);
}

/** How a file is named in messages: relative to the cwd when inside it. */
function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function readJsonObject(file: string, name: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw configError(`cannot read config ${name} (${reason})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw configError(`config ${name} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw configError(`config ${name} is not a JSON object`);
  return data as Record<string, unknown>;
}

/** The configuration object of a file: the whole JSON, or package.json's `"linecount"` key. */
function readConfigObject(file: string, name: string): Record<string, unknown> {
  const data = readJsonObject(file, name);
  if (path.basename(file) !== 'package.json') return data;
  const value = data[PACKAGE_JSON_KEY];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw configError(`config ${name} has no "${PACKAGE_JSON_KEY}" object`);
  }
  return value as Record<string, unknown>;
}

function hasConfigKey(packageJson: string): boolean {
  try {
    const data = JSON.parse(readFileSync(packageJson, 'utf8')) as Record<string, unknown> | null;
    return typeof data?.[PACKAGE_JSON_KEY] === 'object';
  } catch {
    // A package.json we cannot parse is not ours to complain about: keep looking.
    return false;
  }
}

/**
 * The nearest configuration from `cwd` up: in each directory the `"linecount"` key of
 * package.json, else linecount.config.json.
 */
export function findConfigFile(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const packageJson = path.join(dir, 'package.json');
    if (existsSync(packageJson) && hasConfigKey(packageJson)) return packageJson;
    const configFile = path.join(dir, CONFIG_FILE_NAME);
    if (existsSync(configFile)) return configFile;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Checks a configuration object; unknown keys are collected, wrong values thrown. */
function validate(data: Record<string, unknown>, name: string, warnings: string[]): Config {
  const unknown = Object.keys(data).filter((key) => !Object.hasOwn(SETTINGS, key));
  if (unknown.length > 0) warnings.push(`unknown config key(s) in ${name}: ${unknown.join(', ')}`);
  for (const [key, { accepts, expected }] of Object.entries(SETTINGS)) {
    if (key in data && !accepts(data[key])) {
      throw configError(`config ${name}: "${key}" must be ${expected}, got ${JSON.stringify(data[key])}`);
    }
  }
  return Object.fromEntries(Object.entries(data).filter(([key]) => Object.hasOwn(SETTINGS, key))) as Config;
}

/**
 * Loads the configuration: the discovered file, overridden key by key by an explicit
 * one (command-line flags override both, in the caller). Throws LinecountError
 * (`LINECOUNT_CONFIG`) for an unreadable file or a value of the wrong type.
 * @param sources Where to look; see {@link ConfigSources}.
 */
export function loadConfig(sources: ConfigSources): LoadedConfig {
  const loaded: LoadedConfig = { config: {}, files: [], warnings: [] };
  if (sources.disabled) return loaded;
  const discovered = findConfigFile(sources.cwd);
  const explicit = sources.explicit === undefined ? undefined : path.resolve(sources.cwd, sources.explicit);
  const files = new Set([discovered, explicit].filter((file): file is string => file !== undefined));
  for (const file of files) {
    const name = shown(file, sources.cwd);
    Object.assign(loaded.config, validate(readConfigObject(file, name), name, loaded.warnings));
    loaded.files.push(file);
  }
  return loaded;
}
