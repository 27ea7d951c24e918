import type { ReportFlags, RunFlags } from '../command/args.js';
import { createSettings, type Config } from './create-settings.js';
import type { Settings } from './settings.js';

/** Options of `linecount view` and of the report after a run: the settings, and `--top N`. */
export type ViewOptions = ReportFlags & Settings;

/** Options of a profiling run: the settings, flags and configuration combined (SPEC §4, §7), and the run's own flags. */
export type RunOptions = RunFlags & Settings;

/**
 * The command's options: the command line's flags, with its settings each from the flag
 * given, else the environment, else the configuration's key, else the default (see
 * `createSettings`).
 */
export function resolveOptions<F extends ReportFlags>(flags: F, config: Config): F & Settings {
  return { ...flags, ...createSettings({ flags, config, env: process.env }) };
}
