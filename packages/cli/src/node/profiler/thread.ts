import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import type { ThreadId } from '../../session/parts.js';
import { isNodeWorkerThread } from './node-worker.js';

/**
 * Whether this is the main thread of its process, told under Node without loading
 * `node:worker_threads` ({@link isNodeWorkerThread}); Bun and Deno are asked.
 */
export const isMainThread = process.versions.bun || process.versions.deno ? workerThreads().isMainThread : !isNodeWorkerThread();

/** `node:worker_threads`, loaded on first use: only worker threads and programs that start workers need it. */
export function workerThreads(): typeof WorkerThreads {
  return createRequire(import.meta.url)('node:worker_threads') as typeof WorkerThreads;
}

/** This thread's id: 0 in the main thread, as `worker_threads.threadId` says. */
export function currentThreadId(): number {
  return isMainThread ? 0 : workerThreads().threadId;
}

/** This thread's id in the parts directory, fixed at the first call. */
let thread: ThreadId | undefined;

/**
 * This thread, as the parts directory names it: started when it joined the session (its
 * first call). `Date.now()`, not `performance.timeOrigin`: reading `performance` loads
 * `node:perf_hooks` (~2 ms), which a process that profiles nothing never needs (issue #12).
 * @param [startedAt] When it joined, if earlier than now (join-on-demand.ts).
 */
export function currentThread(startedAt = Date.now()): ThreadId {
  return (thread ??= { pid: process.pid, threadId: currentThreadId(), startedAt });
}
