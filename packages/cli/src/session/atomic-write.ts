import { renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes `file` atomically: the text goes to a temporary file beside it, renamed into
 * place, so a reader (another process of the session, `linecount view` of a file
 * rewritten every `-i` seconds) sees the previous content or this one, never half of
 * one. Each writer has its own temporary name; the last rename wins. A failure removes
 * the temporary file and throws.
 * @param file The file to replace.
 * @param text Its new content.
 */
export function writeFileAtomic(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
