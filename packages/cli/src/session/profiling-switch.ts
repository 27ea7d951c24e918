import { LINE_PROFILE_ENV, LINE_PROFILE_FLAG, LINE_PROFILE_OFF_VALUES, SESSION_ENV } from './constants.js';

/**
 * Why a process profiles: it belongs to a session (started by the CLI, or a descendant
 * of a LINE_PROFILE process), or `LINE_PROFILE`/`--line-profile` asks it to start one.
 */
export type ProfilingTrigger = 'session' | 'line-profile';

/**
 * Whether a `LINE_PROFILE` value turns profiling on: anything but empty, `0`, `off`,
 * `false`, `no`, `n`, `f`, case-insensitive (SPEC §7).
 * @param value The variable's value, undefined when unset.
 */
export function isLineProfileOn(value: string | undefined): boolean {
  return value !== undefined && !LINE_PROFILE_OFF_VALUES.includes(value.trim().toLowerCase());
}

/**
 * Decides, from the environment and argv alone, whether this process profiles. Cheap
 * on purpose: it is all `@linecount/profiler/register` does when profiling is off.
 * @param env The process environment.
 * @param argv `process.argv`; `--line-profile` after the script turns profiling on.
 * @returns The trigger, or undefined to do nothing.
 */
export function detectProfiling(env: NodeJS.ProcessEnv, argv: readonly string[]): ProfilingTrigger | undefined {
  if (env[SESSION_ENV]) return 'session';
  if (isLineProfileOn(env[LINE_PROFILE_ENV]) || argv.includes(LINE_PROFILE_FLAG, 2)) return 'line-profile';
  return undefined;
}
