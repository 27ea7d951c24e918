/**
 * The worker pool: each worker is sent one file at a time. A file that takes longer than
 * {@link FILE_TIMEOUT_MS} (a test that hangs) or kills its worker is reported as timed
 * out, and a new worker takes the next file.
 */
import { Worker } from 'node:worker_threads';
import type { FileResult, WorkerData } from './worker.js';

/** A liveness guard only: the slowest test262 files take seconds on a busy machine. */
const FILE_TIMEOUT_MS = 120_000;

const WORKER_URL = new URL('./worker.js', import.meta.url);

/** Runs `files` on `jobs` workers; `onResult` gets each file's result as it comes (a timed-out file: no scenarios). */
export function runPool(files: readonly string[], jobs: number, data: WorkerData, onResult: (result: FileResult, timedOut: boolean) => void): Promise<void> {
  let next = 0;
  let running = 0;
  return new Promise((resolve) => {
    const start = (): void => {
      const worker = new Worker(WORKER_URL, { workerData: data });
      let timer: NodeJS.Timeout | undefined;
      running++;
      const sendNext = (): void => {
        if (next >= files.length) {
          clearTimeout(timer);
          void worker.terminate();
          if (--running === 0) resolve();
          return;
        }
        const file = files[next++]!;
        clearTimeout(timer);
        const abandon = (): void => {
          clearTimeout(timer);
          worker.removeAllListeners();
          void worker.terminate();
          running--;
          onResult({ file, scenarios: [] }, true);
          start();
        };
        timer = setTimeout(abandon, FILE_TIMEOUT_MS);
        worker.removeAllListeners('error');
        worker.once('error', abandon);
        worker.postMessage(file);
      };
      worker.on('message', (result: FileResult) => {
        onResult(result, false);
        sendNext();
      });
      sendNext();
    };
    for (let i = 0; i < Math.min(jobs, files.length); i++) start();
    if (files.length === 0) resolve();
  });
}
