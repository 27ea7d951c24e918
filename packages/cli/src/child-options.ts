import { CHILD_OPTIONS_ENV } from './constants.js';

/** What the CLI tells the profiled process (through {@link CHILD_OPTIONS_ENV}). */
export interface ChildOptions {
  /** Absolute path of the results file to write. */
  outfile: string;
  /** Charge await time to the await line (SPEC §3). */
  awaitTime: boolean;
  /** Subtract the probe cost per hit (SPEC §3). */
  compensate: boolean;
  /** The linecount command line, recorded in the results' meta. */
  argv: string[];
  /** For `-e`: the temporary file holding the code, shown as `[eval]`. */
  evalFile?: string;
}

/** Reads the options the CLI passed, if this process was started by it. */
export function readChildOptions(env: NodeJS.ProcessEnv = process.env): ChildOptions | undefined {
  const raw = env[CHILD_OPTIONS_ENV];
  return raw ? (JSON.parse(raw) as ChildOptions) : undefined;
}
