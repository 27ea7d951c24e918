/**
 * Whether this is a worker thread of Node, told without loading `node:worker_threads`
 * (which loads Node's streams, ~1.5 ms at the start of every process of a session,
 * issue #12) or anything else: Node disables `process.chdir` in worker threads. Not for
 * Bun, whose web Workers keep it (see thread.ts).
 */
export function isNodeWorkerThread(): boolean {
  return (process.chdir as { disabled?: boolean }).disabled === true;
}
