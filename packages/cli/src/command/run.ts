import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RESULTS_EXTENSION } from '@linecount/runtime';
import { LinecountError } from '../session/errors.js';
import type { RunOptions } from '../session/options.js';
import { isSpecialFile } from '../session/results-io.js';
import type { Output } from './output.js';
import { loadParser } from '../session/parser.js';
import { scriptCommand } from '../session/runtimes.js';
import { runSession, type SessionRun } from './session-run.js';
import { checkSyntaxOnce } from './syntax-cache.js';

/** The script to run: a file given on the command line, or `-e` code written to a temporary file. */
interface Target {
  file: string;
  display: string;
  cleanup(): void;
}

function parseOrThrow(file: string, source: string, display: string): void {
  const { InstrumentError, codeFrameColumns, parseSource } = loadParser();
  try {
    parseSource(source, file);
  } catch (error) {
    if (!(error instanceof InstrumentError) || error.line === undefined) throw error;
    const frame = codeFrameColumns(source, { start: { line: error.line, column: error.column! } });
    throw new LinecountError('LINECOUNT_SYNTAX', `${display}:${error.line}:${error.column}: ${error.message}`, frame);
  }
}

/** Checks the syntax of a file to run, reported before the run (its success is cached). */
function checkSyntax(file: string, source: string, display: string, cacheDir: string | undefined): void {
  checkSyntaxOnce(file, source, cacheDir, () => parseOrThrow(file, source, display));
}

function resolveTarget(script: string | undefined, evalCode: string | undefined, cwd: string, cacheDir: string | undefined): Target {
  if (evalCode !== undefined) {
    const dir = mkdtempSync(path.join(tmpdir(), 'linecount-eval-'));
    const isModule = /^\s*(import|export)\s/m.test(evalCode);
    const file = path.join(dir, isModule ? 'eval.mjs' : 'eval.cjs');
    writeFileSync(file, evalCode);
    checkSyntax(file, evalCode, '[eval]', cacheDir);
    return { file, display: '[eval]', cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const file = path.resolve(cwd, script!);
  if (!existsSync(file)) {
    throw new LinecountError('LINECOUNT_NOT_FOUND', `no such script: ${script}`, 'usage: linecount [options] <script> [args…] (see linecount -h)');
  }
  checkSyntax(file, readFileSync(file, 'utf8'), script!, cacheDir);
  return { file, display: script!, cleanup: () => undefined };
}

/**
 * The `-s` setup file as a real path (what the load hooks see), checked like the script:
 * a missing file is a usage error, a syntax error is reported before the run.
 */
function resolveSetup(setup: string, cwd: string, cacheDir: string | undefined): string {
  const file = path.resolve(cwd, setup);
  if (!existsSync(file) || !statSync(file).isFile()) throw new LinecountError('LINECOUNT_USAGE', `no such setup file: ${setup}`);
  checkSyntax(file, readFileSync(file, 'utf8'), setup, cacheDir);
  return realpathSync(file);
}

/** The results file: `-o`, else `fallback`; its directory must exist (SPEC §9: refuse before the run). */
export function resolveOutfile(outfile: string | undefined, fallback: string, cwd: string): [shown: string, absolute: string] {
  const shown = outfile ?? fallback;
  const absolute = path.resolve(cwd, shown);
  if (!existsSync(path.dirname(absolute))) {
    throw new LinecountError('LINECOUNT_USAGE', `cannot write ${shown}: no such directory ${path.dirname(shown)}`);
  }
  // A stale results file goes; `-o /dev/null` must not (as root, that removes the device).
  if (!isSpecialFile(absolute)) rmSync(absolute, { force: true });
  return [shown, absolute];
}

/**
 * `linecount [options] script [args…]` (or `-e CODE`): runs the script in a child Node
 * process with the instrumenting hooks (after the `-s` setup file, if any), then reports.
 * Returns the script's exit code (128+n for a signal).
 */
export async function runScript(
  script: string | undefined,
  args: string[],
  options: RunOptions,
  argv: readonly string[],
  out: Output,
): Promise<number> {
  const cwd = process.cwd();
  const target = resolveTarget(script, options.evalCode, cwd, options.cacheDir);
  try {
    const setup = options.setup === undefined ? undefined : resolveSetup(options.setup, cwd, options.cacheDir);
    const command = scriptCommand(options.runtime, target.file, args, setup !== undefined);
    const fallback = `${options.evalCode === undefined ? path.basename(target.file) : 'eval'}${RESULTS_EXTENSION}`;
    const [shownOutfile, outfile] = resolveOutfile(options.outfile, fallback, cwd);
    const run: SessionRun = {
      ...command,
      cwd,
      outfile,
      shownOutfile,
      options,
      argv,
      script: target.file,
    };
    if (options.evalCode !== undefined) run.evalFile = target.file;
    if (setup !== undefined) run.setup = setup;
    return await runSession(run, out);
  } finally {
    target.cleanup();
  }
}
