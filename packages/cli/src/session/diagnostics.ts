import { writeAll } from './write-all.js';

/*
 * linecount's own messages, in the command and in profiled processes: one
 * `linecount: …` line each on standard error, written completely (SPEC §9). Tests
 * and the command's `Output` take them with {@link captureDiagnostics}.
 */

/** Where diagnostics go. */
let write = (text: string): void => writeAll(2, text);

/** `linecount: warning: <message>`: something was not profiled or not saved; the program runs on. */
export function warn(message: string): void {
  write(`linecount: warning: ${message}\n`);
}

/** `linecount: note: <message>`: a fact about the report, nothing lost. */
export function note(message: string): void {
  write(`linecount: note: ${message}\n`);
}

/** `linecount: <message>`: an error of linecount's own work (results not written). */
export function complain(message: string): void {
  write(`linecount: ${message}\n`);
}

/**
 * Sends diagnostics to `sink` until the returned function is called.
 * @param sink Receives each message, a whole line with its newline.
 */
export function captureDiagnostics(sink: (text: string) => void): () => void {
  const previous = write;
  write = sink;
  return () => {
    write = previous;
  };
}
