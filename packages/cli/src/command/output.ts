import { writeAll } from '../session/write-all.js';

/** Where `main()` writes; tests pass their own. */
export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * The process's stdout and stderr, written completely and synchronously (even to a full
 * non-blocking pipe) so nothing is lost at exit; a reader that has gone ends the output quietly.
 */
export const processOutput: Output = {
  stdout: (text) => writeAll(1, text),
  stderr: (text) => writeAll(2, text),
};
