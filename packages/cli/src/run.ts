import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import path from 'node:path';
import { codeFrameColumns } from '@babel/code-frame';
import { InstrumentError } from '@linecount/instrumenter/errors';
import { parseSource } from '@linecount/instrumenter/parse';
import type { RunOptions } from './args.js';
import { CHILD_OPTIONS_ENV, NO_FUNCTIONS_MESSAGE } from './constants.js';
import type { ChildOptions } from './child-options.js';
import { LinecountError } from './errors.js';
import { readResultsFile } from './results-io.js';
import { formatTextReport } from './report/text-report.js';
import type { Output } from './output.js';

const REGISTER_URL = new URL('./register.js', import.meta.url).href;

/** The script to run: a file given on the command line, or `-e` code written to a temporary file. */
interface Target {
  file: string;
  display: string;
  cleanup(): void;
}

function checkSyntax(file: string, source: string, display: string): void {
  try {
    parseSource(source, file);
  } catch (error) {
    if (!(error instanceof InstrumentError) || error.line === undefined) throw error;
    const frame = codeFrameColumns(source, { start: { line: error.line, column: error.column! } });
    throw new LinecountError('LINECOUNT_SYNTAX', `${display}:${error.line}:${error.column}: ${error.message}`, frame);
  }
}

function resolveTarget(script: string | undefined, evalCode: string | undefined, cwd: string): Target {
  if (evalCode !== undefined) {
    const dir = mkdtempSync(path.join(tmpdir(), 'linecount-eval-'));
    const isModule = /^\s*(import|export)\s/m.test(evalCode);
    const file = path.join(dir, isModule ? 'eval.mjs' : 'eval.cjs');
    writeFileSync(file, evalCode);
    checkSyntax(file, evalCode, '[eval]');
    return { file, display: '[eval]', cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const file = path.resolve(cwd, script!);
  if (!existsSync(file)) {
    throw new LinecountError('LINECOUNT_NOT_FOUND', `no such script: ${script}`, 'usage: linecount [options] <script> [args…] (see linecount -h)');
  }
  checkSyntax(file, readFileSync(file, 'utf8'), script!);
  return { file, display: script!, cleanup: () => undefined };
}

interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

function runChild(target: Target, args: string[], child: ChildOptions, options: RunOptions, cwd: string): Promise<ChildExit> {
  const proc = spawn(process.execPath, ['--import', REGISTER_URL, target.file, ...args], {
    cwd,
    env: { ...process.env, [CHILD_OPTIONS_ENV]: JSON.stringify(child) },
    stdio: ['inherit', options.quiet >= 2 ? 'ignore' : 'inherit', 'inherit'],
  });
  // A terminal's Ctrl-C already reaches the child (same process group): passing it on
  // would deliver it twice. A signal sent to us alone is passed on.
  const forward = (signal: NodeJS.Signals): void => {
    if (signal !== 'SIGINT' || !process.stdin.isTTY) proc.kill(signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, forward);
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve({ code, signal });
    });
  });
}

function exitCodeOf(exit: ChildExit): number {
  if (exit.signal) return 128 + (osConstants.signals[exit.signal] ?? 0);
  return exit.code ?? 1;
}

function report(outfile: string, shownOutfile: string, options: RunOptions, out: Output): void {
  if (!existsSync(outfile)) {
    out.stderr(`linecount: ${NO_FUNCTIONS_MESSAGE}\n`);
    return;
  }
  const results = readResultsFile(outfile);
  if (options.quiet === 0) {
    out.stderr(`Wrote profile results to '${shownOutfile}'\nInspect results with:\nlinecount view ${shownOutfile}\n`);
  }
  if (options.verbose >= 2) {
    const mode = results.compensated ? 'subtracted per hit' : 'not subtracted (--no-compensate)';
    out.stderr(`linecount: probe cost ${results.probeCostNs} ns, ${mode}\n`);
  }
  if (options.verbose >= 1) out.stdout(formatTextReport(results, options));
}

/**
 * `linecount [options] script [args…]`: runs the script in a child Node process with the
 * instrumenting hooks, then reports. Returns the script's exit code (128+n for a signal).
 */
export async function runScript(
  script: string | undefined,
  args: string[],
  options: RunOptions,
  argv: readonly string[],
  out: Output,
): Promise<number> {
  const cwd = process.cwd();
  const target = resolveTarget(script, options.evalCode, cwd);
  const shownOutfile = options.outfile ?? `${options.evalCode === undefined ? path.basename(target.file) : 'eval'}.lcprof`;
  const outfile = path.resolve(cwd, shownOutfile);
  if (!existsSync(path.dirname(outfile))) {
    throw new LinecountError('LINECOUNT_USAGE', `cannot write ${shownOutfile}: no such directory ${path.dirname(shownOutfile)}`);
  }
  rmSync(outfile, { force: true });
  const child: ChildOptions = {
    outfile,
    awaitTime: options.awaitTime,
    compensate: options.compensate,
    argv: ['linecount', ...argv],
    ...(options.evalCode === undefined ? {} : { evalFile: target.file }),
  };
  try {
    const exit = await runChild(target, args, child, options, cwd);
    report(outfile, shownOutfile, options, out);
    return exitCodeOf(exit);
  } finally {
    target.cleanup();
  }
}
