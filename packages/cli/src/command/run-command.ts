import { DEFAULT_COMMAND_OUTFILE } from '../session/constants.js';
import type { RunOptions } from '../session/options.js';
import type { Output } from './output.js';
import { resolveOutfile } from './run.js';
import { runSession } from './session-run.js';

/**
 * `linecount [options] -- <command…>` (SPEC §4): runs any command with every Node
 * process it starts profiled (none of them owns the results: each saves its part), then
 * merges the parts into one results file, `linecount.lcprof` unless `-o` names another,
 * and reports as for a script. Returns the command's exit code.
 */
export async function runCommand(command: string[], options: RunOptions, argv: readonly string[], out: Output): Promise<number> {
  const cwd = process.cwd();
  const [shownOutfile, outfile] = resolveOutfile(options.outfile, DEFAULT_COMMAND_OUTFILE, cwd);
  const [executable, ...args] = command;
  return runSession({ command: executable!, args, cwd, outfile, shownOutfile, options, argv }, out);
}
