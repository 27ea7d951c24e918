import * as fs from 'node:fs';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mergeResults, parseResults, RESULTS_EXTENSION, type ResultsFile } from '@linecount/runtime';
import { writeFileAtomic } from './atomic-write.js';
import { warn } from './diagnostics.js';

/*
 * The parts directory of a session (SPEC §7: "only the owner writes the files, the
 * results of the others are merged into them"). Every profiled thread of every process
 * writes its own results there as `<id>.lcprof`, a snapshot of its cumulative counters
 * that is simply overwritten by the next one (at an `-i` interval, a flush request, its
 * exit). While a thread runs, an empty `<id>.live` file says so, so that the merger
 * knows whom to wait for. Ids sort by start time, so merged functions keep the order in
 * which the program's threads started.
 */

/** One profiled thread. */
export interface ThreadId {
  pid: number;
  threadId: number;
  /** When the thread joined the session, ms since the epoch. */
  startedAt: number;
}

const LIVE_EXTENSION = '.live';
/** How often waits look at the live markers again. */
const POLL_MS = 5;
const ID_PATTERN = /^(\d+)-(\d+)-(\d+)$/;

function baseName(id: ThreadId): string {
  return `${String(Math.floor(id.startedAt)).padStart(15, '0')}-${id.pid}-${id.threadId}`;
}

function parseBaseName(name: string): ThreadId | undefined {
  const match = ID_PATTERN.exec(name);
  return match ? { startedAt: Number(match[1]), pid: Number(match[2]), threadId: Number(match[3]) } : undefined;
}

/** Marks a thread as running (it has results to write before the merger may finish). */
export function markLive(dir: string, id: ThreadId): void {
  writeFileSync(path.join(dir, baseName(id) + LIVE_EXTENSION), '');
}

/** Marks a thread as done: its last part, if any, is written. */
export function markDone(dir: string, id: ThreadId): void {
  rmSync(path.join(dir, baseName(id) + LIVE_EXTENSION), { force: true });
}

/** Whether a thread's live marker is still there. */
export function isLive(dir: string, id: ThreadId): boolean {
  return liveThreads(dir).some((live) => baseName(live) === baseName(id));
}

/** Writes a thread's results, atomically: a reader sees the previous part or this one. */
export function writePart(dir: string, id: ThreadId, results: ResultsFile): void {
  writeFileAtomic(path.join(dir, baseName(id) + RESULTS_EXTENSION), JSON.stringify(results), fs);
}

/** Threads whose live marker is present, in start order. */
export function liveThreads(dir: string): ThreadId[] {
  return listIds(dir, LIVE_EXTENSION);
}

function listIds(dir: string, extension: string): ThreadId[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => parseBaseName(name.slice(0, -extension.length)))
    .filter((id): id is ThreadId => id !== undefined);
}

/** Reads every part, in start order; one that cannot be read is a warning and is skipped. */
function readParts(dir: string): ResultsFile[] {
  const parts: ResultsFile[] = [];
  for (const id of listIds(dir, RESULTS_EXTENSION)) {
    const file = path.join(dir, baseName(id) + RESULTS_EXTENSION);
    try {
      parts.push(parseResults(readFileSync(file, 'utf8')));
    } catch (error) {
      warn(`cannot read the results of process ${id.pid} thread ${id.threadId}: ${(error as Error).message}`);
    }
  }
  return parts;
}

/** Whether a process exists (a zombie counts: it may not have been reaped yet). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Threads still running in other processes that are alive: the ones worth waiting
 * for. A marker left by a process that died without writing (SIGKILL) is not.
 */
export function pendingProcesses(dir: string, exceptPid: number): ThreadId[] {
  return liveThreads(dir).filter((id) => id.pid !== exceptPid && isProcessAlive(id.pid));
}

/**
 * Adds up the results of a session, the merge rule of SPEC §6: the parts written so far
 * in `dir` after `own` (the results of the process asking, if it has any), with `meta`
 * (the session's) in place of theirs. Undefined when there is nothing.
 * @param meta The session's meta, given the first result (whose Node and pid a command run reports).
 */
export function mergeSession(dir: string, own: ResultsFile | undefined, meta: (first: ResultsFile) => ResultsFile['meta']): ResultsFile | undefined {
  const results = own ? [own, ...readParts(dir)] : readParts(dir);
  const [first] = results;
  return first && { ...mergeResults(results), meta: meta(first) };
}

/** Sleeps synchronously (exit handlers cannot await). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Polls `done` every few ms, synchronously, until it holds or `timeoutMs` passed. */
export function waitSync(done: () => boolean, timeoutMs: number): boolean {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    sleepSync(POLL_MS);
  }
  return true;
}

/** Polls `done` every few ms until it holds or `timeoutMs` passed. */
export async function waitAsync(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}
