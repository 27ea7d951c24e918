import { readFileSync } from 'node:fs';
import { mergeResults } from '@linecount/runtime';
import { parseCommandLine } from './args.js';
import { LinecountError } from './errors.js';
import { HELP } from './help.js';
import { processOutput, type Output } from './output.js';
import { formatTextReport } from './report/text-report.js';
import { readResultsFile, writeResultsFile } from './results-io.js';
import { runScript } from './run.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
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
      const results = mergeResults(command.files.map(readResultsFile));
      out.stdout(formatTextReport(results, command.options));
      return 0;
    }
    case 'merge':
      writeResultsFile(command.outfile, mergeResults(command.files.map(readResultsFile)));
      return 0;
    case 'run':
      return runScript(command.script, command.args, command.options, argv, out);
  }
}

/**
 * The linecount command: parses `argv` (without node and the bin), runs it and returns
 * the exit code. The one place where errors become output (SPEC §9).
 */
export async function main(argv: readonly string[], out: Output = processOutput): Promise<number> {
  try {
    return await dispatch(argv, out);
  } catch (error) {
    if (error instanceof LinecountError) {
      out.stderr(`linecount: ${error.message}\n${error.detail ? `${error.detail}\n` : ''}`);
      return error.exitCode;
    }
    out.stderr(`linecount: internal error: ${(error as Error).message}\n`);
    if (process.env.LINECOUNT_DEBUG) out.stderr(`${(error as Error).stack}\n`);
    return 70;
  }
}
