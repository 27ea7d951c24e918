import type { ReportFlags, RunFlags } from './args.js';
import type { Config } from './config.js';
import { DEFAULT_DISPLAY_UNIT } from './report/text-report.js';

/** Options of `linecount view` and of the report after a run. */
export interface ViewOptions {
  unit: number;
  skipZero: boolean;
  sort: boolean;
  summarize: boolean;
}

/** Options of a profiling run, flags and configuration combined (SPEC §4, §7). */
export interface RunOptions extends ViewOptions {
  verbose: number;
  quiet: number;
  outfile: string | undefined;
  evalCode: string | undefined;
  awaitTime: boolean;
  compensate: boolean;
  /** Seconds between intermediate writes of the results file; 0: only at the end. */
  outputInterval: number;
}

/**
 * Report options: each flag given on the command line, else the configuration's key,
 * else the default.
 * @param [config.unit=1e-6] Display unit in seconds.
 */
export function resolveViewOptions(flags: ReportFlags, config: Config): ViewOptions {
  return {
    unit: flags.unit ?? config.unit ?? DEFAULT_DISPLAY_UNIT,
    skipZero: flags.skipZero ?? config.skipZero ?? false,
    sort: flags.sort ?? config.sort ?? false,
    summarize: flags.summarize ?? config.summarize ?? false,
  };
}

/**
 * Run options: command-line flags over the configuration over the defaults
 * (await time charged, compensation on, no intermediate writes).
 */
export function resolveRunOptions(flags: RunFlags, config: Config): RunOptions {
  return {
    ...resolveViewOptions(flags, config),
    verbose: flags.verbose,
    quiet: flags.quiet,
    outfile: flags.outfile,
    evalCode: flags.evalCode,
    awaitTime: flags.awaitTime ?? config.awaitTime ?? true,
    compensate: flags.compensate ?? config.compensate ?? true,
    outputInterval: flags.outputInterval ?? config.outputInterval ?? 0,
  };
}
