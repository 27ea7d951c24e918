import path from 'node:path';
import type { Session } from '../../session/session.js';

/** `-p` targets as the plugin's `include` globs, relative to the cwd. */
function includeGlobs(session: Session): string[] {
  const relative = (file: string): string => path.relative(session.cwd, file).split(path.sep).join('/');
  const targets = session.targets;
  return targets ? [...targets.dirs.map((dir) => `${relative(dir)}/**`), ...targets.files.map(relative)] : [];
}

/**
 * The message's remedy where linecount cannot add its plugin to Vitest's config itself:
 * the `@linecount/profiler/vite` lines to add to vitest.config, with the `-p` targets as options.
 * @param session The session, if this process is in one.
 */
export function vitestPluginFix(session: Session | undefined): string {
  const include = session ? includeGlobs(session) : [];
  const globs = include.map((glob) => `'${glob}'`).join(', ');
  const options = include.length > 0 ? `{ all: true, include: [${globs}] }` : '';
  return `add the plugin to vitest.config: import linecount from '@linecount/profiler/vite' and plugins: [linecount(${options})]`;
}

/** The warning when the code under Vitest cannot be profiled: why, and the plugin lines that fix it. */
export function vitestNotProfiled(error: unknown, session: Session | undefined): string {
  return `code under Vitest not profiled: ${(error as Error).message}; ${vitestPluginFix(session)}`;
}
