import path from 'node:path';
import { TYPESCRIPT_EXTENSIONS } from './constants.js';
import { LinecountError } from './errors.js';
import { REGISTER_MJS_PATH, bundleUrl } from '../bundle-paths.js';

/** The JavaScript runtimes a script runs in (`--runtime`, issue 19). */
export const RUNTIMES = ['node', 'bun', 'deno'] as const;

/** A JavaScript runtime. */
export type RuntimeName = (typeof RUNTIMES)[number];

/** The process that runs a script. */
export interface ScriptCommand {
  command: string;
  args: string[];
}

/**
 * How `runtime` runs `file`: Node with the `-s` setup preload; Bun as it is (BUN_OPTIONS
 * preloads linecount, see session.ts); Deno with linecount preloaded and every
 * permission, as `node` has (`-A`). Deno compiles TypeScript before any load hook sees it:
 * refused with the way round.
 * @param setup Whether a `-s` setup file runs first (Node only).
 */
export function scriptCommand(runtime: RuntimeName, file: string, args: string[], setup: boolean): ScriptCommand {
  if (runtime === 'node') {
    return { command: process.execPath, args: [...(setup ? ['--import', bundleUrl('setupPreload')] : []), file, ...args] };
  }
  if (setup) throw new LinecountError('LINECOUNT_USAGE', `-s/--setup runs under node only, not under --runtime ${runtime}`);
  if (runtime === 'bun') return { command: 'bun', args: [file, ...args] };
  if (TYPESCRIPT_EXTENSIONS.includes(path.extname(file).toLowerCase())) {
    throw new LinecountError(
      'LINECOUNT_USAGE',
      `--runtime deno runs JavaScript: Deno compiles TypeScript before any hook sees it (bundle it with @linecount/profiler/esbuild first, see README "Deno")`,
    );
  }
  return { command: 'deno', args: ['run', '-A', '--preload', REGISTER_MJS_PATH, file, ...args] };
}
