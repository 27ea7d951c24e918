import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import type { ResultsFile } from '@linecount/runtime';
import { EVAL_NAME, NO_FUNCTIONS_MESSAGE, PART_GRACE_MS } from '../session/constants.js';
import { LinecountError } from '../session/errors.js';
import type { RunOptions } from '../session/options.js';
import type { Output } from './output.js';
import { mergeSession, pendingProcesses, waitAsync } from '../session/parts.js';
import { REGISTER_CJS_PATH } from '../bundle-paths.js';
import { sessionTargets } from '../session/prof-targets.js';
import { formatTextReport } from '../report/text-report.js';
import { selectTopFunctions } from '../report/top-functions.js';
import { terminalReportOptions, writeHtmlReport } from './report-output.js';
import { formatSampleDiagnostics } from '../report/sample-diagnostics.js';
import { writeResultsFile } from '../session/results-io.js';
import { createSession, sessionEnv, type Session } from '../session/session.js';
import { viewCommand } from '../session/view-hint.js';

/** A command to run profiled, and where its merged results go. */
export interface SessionRun {
  /** Executable and arguments: `node script args` or the user's `-- command`. */
  command: string;
  args: string[];
  cwd: string;
  /** Absolute path of the results file, and how to show it. */
  outfile: string;
  shownOutfile: string;
  options: RunOptions;
  /** linecount's own command line, recorded in the results' meta. */
  argv: readonly string[];
  /** For `-e`: the temporary file holding the code, shown as `[eval]`. */
  evalFile?: string;
  /** The script, whose directory `-p` package names are resolved from (SPEC §2). */
  script?: string;
  /** The `-s` setup file, a real path; `args` preload setup-preload.ts to run it. */
  setup?: string;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Runs a command in a new profiling session: every Node process it starts (and their
 * worker threads) loads `@linecount/profiler/register` through NODE_OPTIONS and saves its results
 * as a part; the parts are merged into the results file every `-i` seconds and once the
 * command has ended, and reported. Returns the command's exit code (128+n for a signal).
 */
export async function runSession(run: SessionRun, out: Output): Promise<number> {
  const settings = run.options;
  const targets = sessionTargets(settings, run.cwd, run.script, '-p');
  const session = createSession(settings, { cwd: run.cwd, hooks: true, ...(targets && { targets }), ...(run.setup !== undefined && { setup: run.setup }) });
  const startedAt = new Date().toISOString();
  const save = (): ResultsFile | undefined => saveResults(run, session, startedAt);
  const cannotWrite = (error: unknown): void => out.stderr(`linecount: cannot write ${run.shownOutfile}: ${(error as Error).message}\n`);
  const interval = settings.outputInterval;
  const timer = interval > 0 ? setInterval(() => attempt(save, cannotWrite), interval * 1000) : undefined;
  try {
    const exit = await spawnCommand(run, sessionEnv(session, process.env, REGISTER_CJS_PATH));
    clearInterval(timer);
    // Processes the command left running get a moment to save (e.g. cluster workers).
    await waitAsync(() => pendingProcesses(session.partsDir, process.pid).length === 0, PART_GRACE_MS);
    const saved = attempt(save, cannotWrite);
    if (saved.ok) report(saved.value, run, out);
    return exitCodeOf(exit);
  } finally {
    clearInterval(timer);
    rmSync(session.partsDir, { recursive: true, force: true });
  }
}

/** Runs `task`; a failure goes to `onError`, so that the command's exit code still comes out. */
function attempt<T>(task: () => T, onError: (error: unknown) => void): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: task() };
  } catch (error) {
    onError(error);
    return { ok: false };
  }
}

/** Merges the parts written so far into the results file; undefined when there are none. */
function saveResults(run: SessionRun, session: Session, startedAt: string): ResultsFile | undefined {
  const merged = mergeSession(session.partsDir, undefined, (first) => ({ ...first.meta, argv: ['linecount', ...run.argv], cwd: run.cwd, startedAt }));
  if (!merged) return undefined;
  const results = renameEval(run.evalFile, merged);
  writeResultsFile(run.outfile, results);
  return results;
}

/** `-e` code lives in a temporary file: report it as `[eval]` and keep its text. */
function renameEval(evalFile: string | undefined, results: ResultsFile): ResultsFile {
  if (!evalFile) return results;
  const rename = (file: string): string => (file === evalFile ? EVAL_NAME : file);
  return {
    ...results,
    functions: results.functions.map((fn) => ({ ...fn, file: rename(fn.file) })),
    sources: { ...results.sources, [EVAL_NAME]: readFileSync(evalFile, 'utf8') },
  };
}

function spawnCommand(run: SessionRun, env: NodeJS.ProcessEnv): Promise<Exit> {
  const proc = spawn(run.command, run.args, {
    cwd: run.cwd,
    env: { ...process.env, ...env },
    stdio: ['inherit', run.options.quiet >= 2 ? 'ignore' : 'inherit', 'inherit'],
  });
  // A terminal's Ctrl-C already reaches the child (same process group): passing it on
  // would deliver it twice. A signal sent to us alone is passed on.
  const forward = (signal: NodeJS.Signals): void => {
    if (signal !== 'SIGINT' || !process.stdin.isTTY) proc.kill(signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, forward);
  return new Promise((resolve, reject) => {
    proc.on('error', (error: NodeJS.ErrnoException) => {
      for (const s of signals) process.off(s, forward);
      if (error.code !== 'ENOENT') reject(error);
      else reject(new LinecountError('LINECOUNT_NOT_FOUND', `cannot run ${run.command}: command not found`));
    });
    proc.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve({ code, signal });
    });
  });
}

function exitCodeOf(exit: Exit): number {
  if (exit.signal) return 128 + (osConstants.signals[exit.signal] ?? 0);
  return exit.code ?? 1;
}

function report(results: ResultsFile | undefined, run: SessionRun, out: Output): void {
  const { options, shownOutfile } = run;
  if (!results) {
    out.stderr(`linecount: ${NO_FUNCTIONS_MESSAGE}\n`);
    return;
  }
  if (options.quiet === 0) {
    out.stderr(`Wrote profile results to '${shownOutfile}'\nInspect results with:\n${viewCommand()} ${shownOutfile}\n`);
  }
  if (options.verbose >= 2) {
    const mode = results.compensated ? 'subtracted per hit' : 'not subtracted (--no-compensate)';
    out.stderr(`linecount: probe cost ${results.probeCostNs} ns, ${mode}\n`);
    out.stderr(formatSampleDiagnostics(results));
  }
  const cannotWrite = (error: unknown): void => out.stderr(`linecount: cannot write ${options.html}: ${(error as Error).message}\n`);
  attempt(() => writeHtmlReport(results, options, out, options.quiet > 0), cannotWrite);
  if (options.verbose >= 1) out.stdout(formatTextReport(selectTopFunctions(results, options.top), terminalReportOptions(options)));
}
