import { readFileSync, writeFileSync } from 'node:fs';
import type { ResultsFile } from '@linecount/runtime';
import { parseCommandLine, type ConfigFlags } from './args.js';
import { loadConfig } from '../session/config.js';
import { CONFIG_ENV, DEBUG_ENV } from '../session/constants.js';
import { captureDiagnostics, warn } from '../session/diagnostics.js';
import { runDiff } from './diff/diff-command.js';
import { LinecountError } from '../session/errors.js';
import { HELP } from './help.js';
import { resolveOptions } from '../session/options.js';
import { processOutput, type Output } from './output.js';
import { formatTextReport } from '../report/text-report.js';
import { selectTopFunctions } from '../report/top-functions.js';
import { terminalReportOptions, writeHtmlReport } from './report-output.js';
import { readMergedResults, writeResultsFile } from '../session/results-io.js';
import { runCommand } from './run-command.js';
import { runScript } from './run.js';
import type { Config } from '../session/create-settings.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The configuration (SPEC §7); `--config` wins over LINECOUNT_CONFIG. Unknown keys are warned about. */
function readConfig(flags: ConfigFlags): Config {
  const explicit = flags.file ?? (process.env[CONFIG_ENV] || undefined);
  const loaded = loadConfig({ cwd: process.cwd(), explicit, disabled: flags.disabled });
  loaded.warnings.forEach(warn);
  return loaded.config;
}

/** `--pprof FILE` of `view` and `merge`; the encoder loads only when asked for. */
async function writePprof(file: string | undefined, results: ResultsFile, sources: readonly string[], out: Output): Promise<void> {
  if (file === undefined) return;
  const { formatPprof } = await import('../report/pprof.js');
  writeFileSync(file, formatPprof(results, sources.join(', ')));
  out.stderr(`Wrote pprof profile to '${file}'\n`);
}

async function dispatch(argv: readonly string[], out: Output): Promise<number> {
  const command = parseCommandLine(argv);
  switch (command.kind) {
    case 'help':
      out.stdout(HELP);
      return 0;
    case 'version':
      out.stdout(`linecount ${version()}\n`);
      return 0;
    case 'view': {
      const options = resolveOptions(command.flags, readConfig(command.config));
      const results = readMergedResults(command.files);
      if (command.json) {
        out.stdout(`${JSON.stringify(results)}\n`);
        return 0;
      }
      // `view --html FILE` and `--pprof FILE` write their files instead of printing the table.
      if (options.html !== undefined || command.pprof !== undefined) {
        await writePprof(command.pprof, results, command.files, out);
        writeHtmlReport(results, options, out, false);
        return 0;
      }
      out.stdout(formatTextReport(selectTopFunctions(results, options.top), terminalReportOptions(options)));
      return 0;
    }
    case 'diff': {
      // Only `diff --html FILE` writes a page: the configuration's `html` names the report of a run.
      const options = { ...resolveOptions(command.flags, readConfig(command.config)), html: command.flags.html };
      return runDiff(command, options, out);
    }
    case 'merge': {
      const results = readMergedResults(command.files);
      if (command.outfile !== undefined) writeResultsFile(command.outfile, results);
      await writePprof(command.pprof, results, command.files, out);
      return 0;
    }
    case 'run': {
      const options = resolveOptions(command.flags, readConfig(command.config));
      return runScript(command.script, command.args, options, argv, out);
    }
    case 'command': {
      const options = resolveOptions(command.flags, readConfig(command.config));
      return runCommand(command.command, options, argv, out);
    }
  }
}

/**
 * The linecount command: parses `argv` (without node and the bin), runs it and returns
 * the exit code. The one place where errors become output (SPEC §9).
 */
export async function main(argv: readonly string[], out: Output = processOutput): Promise<number> {
  const release = captureDiagnostics(out.stderr);
  try {
    return await dispatch(argv, out);
  } catch (error) {
    if (error instanceof LinecountError) {
      out.stderr(`linecount: ${error.message}\n${error.detail ? `${error.detail}\n` : ''}`);
      return error.exitCode;
    }
    out.stderr(`linecount: internal error: ${(error as Error).message}\n`);
    if (process.env[DEBUG_ENV]) out.stderr(`${(error as Error).stack}\n`);
    return 70;
  } finally {
    release();
  }
}
