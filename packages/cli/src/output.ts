import { writeSync } from 'node:fs';

/** Where `main()` writes; tests pass their own. */
export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The process's stdout and stderr, written synchronously so nothing is lost at exit. */
export const processOutput: Output = {
  stdout: (text) => void writeSync(1, text),
  stderr: (text) => void writeSync(2, text),
};
