import type { Worker } from 'node:worker_threads';
import { FLUSH_CHANNEL, WORKER_FLUSH_TIMEOUT_MS } from '../../session/constants.js';
import { isLive, liveThreads, waitAsync, waitSync, type ThreadId } from '../../session/parts.js';
import { currentThreadId, isMainThread, workerThreads } from './thread.js';

/*
 * Worker threads get no `exit` event when they are terminated (`worker.terminate()`,
 * or the process ending under them), so their results would be lost. Before either,
 * the thread that ends them asks them, on a BroadcastChannel, to save their results;
 * a worker that is idle answers within milliseconds, one busy in a synchronous loop
 * cannot, and loses its results after WORKER_FLUSH_TIMEOUT_MS.
 */

/** A flush request: one thread, or every worker of the process. */
interface FlushRequest {
  target: number | 'all';
}

/**
 * In a worker thread: runs `save` (which writes the thread's part and its done mark)
 * when another thread asks. The channel does not keep the worker alive.
 */
export function saveOnRequest(save: () => void): void {
  const { BroadcastChannel, threadId } = workerThreads();
  const channel = new BroadcastChannel(FLUSH_CHANNEL);
  channel.unref();
  channel.onmessage = (event) => {
    const { target } = (event as { data: FlushRequest }).data;
    if (target === 'all' || target === threadId) save();
  };
}

function liveWorkersOfThisProcess(dir: string, only?: number): ThreadId[] {
  const threadId = currentThreadId();
  return liveThreads(dir).filter(
    (id) => id.pid === process.pid && id.threadId !== threadId && (only === undefined || id.threadId === only),
  );
}

/**
 * Before this process ends: asks every live worker of the process to save, and waits
 * (synchronously: it runs in exit handlers) until they did or the timeout passed.
 * @param dir The session's parts directory.
 * @param [only] Only this worker (a web Worker's synchronous `terminate()` under Bun).
 */
export function flushWorkersSync(dir: string, only?: number): void {
  const workers = liveWorkersOfThisProcess(dir, only);
  if (workers.length === 0) return;
  const channel = new (workerThreads().BroadcastChannel)(FLUSH_CHANNEL);
  channel.postMessage({ target: only ?? 'all' } satisfies FlushRequest);
  waitSync(() => workers.every((id) => !isLive(dir, id)), WORKER_FLUSH_TIMEOUT_MS);
  channel.close();
}

/**
 * Makes `worker.terminate()` ask a profiled worker to save its results first: the
 * termination waits for the save, at most WORKER_FLUSH_TIMEOUT_MS. The main thread
 * patches `Worker` when the program creates its first worker (Node's `worker` event, on
 * the next tick), so that a process that starts none never loads `node:worker_threads`
 * (issue #12); a worker thread has it loaded already.
 * @param dir The session's parts directory.
 * @param [workerStarted] The main thread started a worker already: patched at once.
 */
export function flushBeforeTerminate(dir: string, workerStarted = false): void {
  if (isMainThread && !workerStarted) process.once('worker', () => patchTerminate(dir));
  else patchTerminate(dir);
}

function patchTerminate(dir: string): void {
  const { BroadcastChannel, Worker } = workerThreads();
  const terminate = Worker.prototype.terminate;
  Worker.prototype.terminate = function terminateAfterFlush(this: Worker, ...args: unknown[]) {
    const [worker] = liveWorkersOfThisProcess(dir, this.threadId);
    const run = (): Promise<number> => Reflect.apply(terminate, this, args) as Promise<number>;
    if (!worker) return run();
    const channel = new BroadcastChannel(FLUSH_CHANNEL);
    channel.postMessage({ target: worker.threadId } satisfies FlushRequest);
    return waitAsync(() => !isLive(dir, worker), WORKER_FLUSH_TIMEOUT_MS).then(() => {
      channel.close();
      return run();
    });
  };
}
