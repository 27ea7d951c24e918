import { writeSync } from 'node:fs';
import { WRITE_RETRY_MS } from './constants.js';

/** Descriptors whose reader has gone (EPIPE): later writes to them are dropped. */
const closed = new Set<number>();

/** Parks this thread for `ms` without using the CPU (Atomics.wait works on Node's main thread too). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/**
 * Writes all of `text` to `fd` before returning, whatever `fd` is: a file, a TTY, or a pipe
 * that Node made non-blocking (a `writeSync` there writes only what fits and throws EAGAIN
 * when the pipe is full, issue #12 item 5). Partial writes continue from where they stopped;
 * on EAGAIN the thread sleeps, a little longer each time, until the reader catches up. Being
 * synchronous, it also completes inside `exit` handlers and signal handlers, where an
 * asynchronous write may never be flushed. A reader that has gone (EPIPE, `| head`) ends
 * the output quietly: this write and every later one to `fd` are dropped, as a CLI killed by
 * SIGPIPE would stop. Other errors are thrown.
 */
export function writeAll(fd: number, text: string): void {
  if (closed.has(fd)) return;
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  let wait: number = WRITE_RETRY_MS.first;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
      wait = WRITE_RETRY_MS.first;
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EPIPE') {
        closed.add(fd);
        return;
      }
      if (code !== 'EAGAIN') throw error;
      sleep(wait);
      wait = Math.min(wait * 2, WRITE_RETRY_MS.longest);
    }
  }
}
