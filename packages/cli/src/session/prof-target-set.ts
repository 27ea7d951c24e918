import path from 'node:path';

/**
 * What `-p/--prof-mod` selects (SPEC §2), resolved once by the CLI and carried to every
 * profiled process in the session: real paths, as Node's loader reports them.
 */
export interface ProfTargets {
  /** Files whose every function is profiled. */
  files: string[];
  /** Directories (no trailing separator) whose every file is profiled. */
  dirs: string[];
  /** Files whose module top-level code is profiled too (the script itself under `-p`). */
  modules: string[];
}

/** Whether `filename` (a real path) is selected by `targets`. */
export function isProfTarget(filename: string, targets: ProfTargets | undefined): boolean {
  if (!targets) return false;
  if (targets.files.includes(filename)) return true;
  for (const dir of targets.dirs) if (filename.startsWith(dir) && filename[dir.length] === path.sep) return true;
  return false;
}
