import type { Cluster } from 'node:cluster';
import { createRequire } from 'node:module';
import { PART_GRACE_MS } from '../../session/constants.js';
import { pendingProcesses, waitAsync, waitSync, type ThreadId } from '../../session/parts.js';

/*
 * The LINE_PROFILE owner waits, before merging, for its child processes that are still
 * profiling (SPEC §7: no lost results), at most PART_GRACE_MS.
 */

/**
 * `node:cluster`, required when the owner ends (it loads `child_process` and `net`,
 * which a process that profiles nothing should not pay for, issue #12).
 */
function clusterModule(): Cluster {
  return createRequire(import.meta.url)('node:cluster') as Cluster;
}

/** Pids of `cluster` workers still connected to this primary. */
function connectedClusterWorkers(): Set<number> {
  const cluster = clusterModule();
  const pids = new Set<number>();
  if (!cluster.isPrimary) return pids;
  for (const worker of Object.values(cluster.workers ?? {})) {
    if (worker?.isConnected() && worker.process.pid !== undefined) pids.add(worker.process.pid);
  }
  return pids;
}

/**
 * Before a signal ends the owner (SIGINT/SIGTERM, asynchronously): `cluster` workers
 * exit when their primary's channel closes, which otherwise happens only once the
 * primary is gone, too late for their results. Closing the channels now (the primary is
 * ending anyway) lets them exit and save; then waits for every child still profiling.
 */
export async function settleChildProcesses(dir: string): Promise<void> {
  for (const pid of connectedClusterWorkers()) {
    Object.values(clusterModule().workers ?? {}).find((worker) => worker?.process.pid === pid)?.process.disconnect();
  }
  await waitAsync(() => pendingProcesses(dir, process.pid).length === 0, PART_GRACE_MS);
}

/**
 * At exit (synchronously): waits for the children still profiling. Connected `cluster`
 * workers are not waited for: their channel closes only after this process is gone.
 */
export function waitForChildProcessesSync(dir: string): void {
  const stuck = connectedClusterWorkers();
  const pending = (): ThreadId[] => pendingProcesses(dir, process.pid).filter((id) => !stuck.has(id.pid));
  waitSync(() => pending().length === 0, PART_GRACE_MS);
}
