/**
 * Helpers for the `@linecount/profiler/register` (LINE_PROFILE mode) tests: temporary projects
 * where `linecount` is installed (a link to the workspace package), and running `node`
 * in them as a user would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { REPO, createProject, runProcess, type RunResult } from './cli.js';

/** The `linecount` package of the workspace. */
export const CLI_PACKAGE = path.join(REPO, 'packages/cli');

/** The package's published name (issue #16), read from its package.json. */
export const PACKAGE_NAME = (JSON.parse(readFileSync(path.join(CLI_PACKAGE, 'package.json'), 'utf8')) as { name: string }).name;

/** Installs the workspace package into `<dir>/node_modules` under its published name (a link). */
export function linkPackage(dir: string): void {
  const link = path.join(dir, 'node_modules', PACKAGE_NAME);
  mkdirSync(path.dirname(link), { recursive: true });
  symlinkSync(CLI_PACKAGE, link, 'dir');
}

/** Creates a temporary project with `linecount` in node_modules; returns its path. */
export function createLinkedProject(files: Record<string, string> = {}): string {
  const dir = createProject(files);
  linkPackage(dir);
  return dir;
}

/** Options of {@link runNode}. */
export interface RunNodeOptions {
  cwd: string;
  /** Node binary; default: the one running the tests (Node 20 on CI). */
  node?: string;
  /** Extra environment; `undefined` removes a variable. LINE_PROFILE is unset unless given. */
  env?: Record<string, string | undefined>;
}

function nodeEnv(env: RunNodeOptions['env']): Record<string, string | undefined> {
  return { LINE_PROFILE: undefined, LINECOUNT_SESSION: undefined, NODE_OPTIONS: undefined, ...env };
}

/** Runs `node ...args` to its end and collects its output. */
export function runNode(args: string[], options: RunNodeOptions): Promise<RunResult> {
  return runProcess(options.node ?? process.execPath, args, { cwd: options.cwd, env: nodeEnv(options.env) });
}

/** Starts `node ...args` and leaves it running (for tests that read files while it runs). */
export function startNode(args: string[], options: RunNodeOptions): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...nodeEnv(options.env) };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return spawn(options.node ?? process.execPath, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The files of a project, without node_modules, sorted; timestamps masked as `<stamp>`. */
export function listOutputs(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name !== 'node_modules')
    .map((name) => name.replace(/_\d{4}-\d\d-\d\dT\d{6}\.txt$/, '_<stamp>.txt'))
    .sort();
}

/** Polls until `file` exists, then parses it as JSON; gives up only with the test (expect.poll's timeout). */
export async function waitForJson<T = unknown>(file: string): Promise<T> {
  await expect.poll(() => existsSync(file), { message: `${file} did not appear` }).toBe(true);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Resolves when a started process has printed `text` on stdout. */
export function waitForOutput(child: ChildProcess, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      seen += chunk;
      if (seen.includes(text)) resolve(seen);
    });
    child.on('exit', () => reject(new Error(`exited before printing ${text}; stdout: ${seen}`)));
  });
}

/** The `.lcprof` shape the tests read. */
export interface Results {
  meta: { node: string; pid: number; argv: string[] };
  functions: { file: string; name: string; line: number; lines: [number, number, number][] }[];
}
