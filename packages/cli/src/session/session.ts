import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUN_OPTIONS_ENV, NODE_OPTIONS_ENV, PARTS_DIR_PREFIX, SESSION_ENV } from './constants.js';
import { REGISTER_MJS_PATH } from '../bundle-paths.js';
import type { ProfTargets } from './prof-target-set.js';
import { pickSettings, type Settings } from './settings.js';

/**
 * One profiling run, shared by every process and thread it profiles through
 * {@link SESSION_ENV}. Each profiled thread saves its results as a part in `partsDir`;
 * one merger adds the parts up: the CLI after the command ends, or in LINE_PROFILE mode
 * the owner (the main thread of the first process) at its exit.
 */
export interface Session {
  /** Directory where each profiled thread writes its results (see parts.ts). */
  partsDir: string;
  /** Pid of the LINE_PROFILE owner; absent under the CLI, which merges itself. */
  ownerPid?: number;
  /** Working directory of the run: result `file`s are relative to it. */
  cwd: string;
  /** The run's settings, as its starter resolved them: every process of the session uses these. */
  settings: Settings;
  /** Files and directories of the settings' `profMod` (SPEC §2), resolved by the starter. */
  targets?: ProfTargets;
  /**
   * The `-s` setup file (a real path): the script's process imports it before the script
   * (setup-preload.ts), and no process of the session instruments it.
   */
  setup?: string;
  /**
   * Install the instrumenting load hooks (and tsx). False when the session was started
   * by code a build plugin instrumented (SPEC §8): that code is already instrumented, and
   * the program's other files, in this process and its children, stay as they are.
   */
  hooks: boolean;
}

/** Where a new session's parts go, and what its starter adds to the settings. */
export type SessionPlace = Omit<Session, 'partsDir' | 'settings'>;

/**
 * A new session, with a new parts directory in the OS temporary directory.
 * @param settings The run's settings (of a command's options: the settings alone go in).
 * @param place The session's cwd, owner, targets, setup file and hooks.
 */
export function createSession(settings: Settings, place: SessionPlace): Session {
  return { partsDir: mkdtempSync(path.join(tmpdir(), PARTS_DIR_PREFIX)), settings: pickSettings(settings), ...place };
}

/** Reads the session this process belongs to, if any. */
export function readSession(env: NodeJS.ProcessEnv = process.env): Session | undefined {
  const raw = env[SESSION_ENV];
  return raw ? (JSON.parse(raw) as Session) : undefined;
}

/**
 * Quotes one NODE_OPTIONS argument: Node splits NODE_OPTIONS at spaces except inside
 * double quotes, where `\` escapes the next character.
 */
export function quoteNodeOption(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * NODE_OPTIONS with `--require <register>` appended (once), so that every Node process
 * started with this environment, and its worker threads, load `@linecount/profiler/register`.
 * @param current The current NODE_OPTIONS, kept first.
 * @param registerPath Absolute path of lib/register.cjs.
 */
export function withRegisterOption(current: string | undefined, registerPath: string): string {
  return withOption(current, `--require ${quoteNodeOption(registerPath)}`);
}

/**
 * BUN_OPTIONS with `--preload <register>` appended (once): Bun reads BUN_OPTIONS, not
 * NODE_OPTIONS, in every `bun` process, children included (issue 19).
 * @param current The current BUN_OPTIONS, kept first.
 * @param registerPath Absolute path of lib/register.mjs.
 */
export function withBunPreload(current: string | undefined, registerPath: string): string {
  return withOption(current, `--preload=${registerPath}`);
}

/** An options variable (`current`, kept first) with `option` appended unless it holds it already. */
function withOption(current: string | undefined, option: string): string {
  if (current?.includes(option)) return current;
  return current ? `${current} ${option}` : option;
}

/**
 * The environment variables that put processes into `session`: Node processes through
 * NODE_OPTIONS, Bun processes through BUN_OPTIONS.
 * @param session The session.
 * @param env The environment to extend (NODE_OPTIONS and BUN_OPTIONS are kept and extended).
 * @param registerPath Absolute path of lib/register.cjs.
 */
export function sessionEnv(session: Session, env: NodeJS.ProcessEnv, registerPath: string): NodeJS.ProcessEnv {
  return {
    [SESSION_ENV]: JSON.stringify(session),
    [NODE_OPTIONS_ENV]: withRegisterOption(env[NODE_OPTIONS_ENV], registerPath),
    [BUN_OPTIONS_ENV]: withBunPreload(env[BUN_OPTIONS_ENV], REGISTER_MJS_PATH),
  };
}
