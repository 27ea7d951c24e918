import type * as Fs from 'node:fs';

/** What an atomic write uses of `node:fs`. */
export type AtomicWriteFs = Pick<typeof Fs, 'writeFileSync' | 'renameSync' | 'rmSync'>;

/**
 * Writes `file` atomically: the data goes to a temporary file beside it, renamed into
 * place, so a reader (another process of the session, `linecount view` of a file
 * rewritten every `-i` seconds, a process reading a code cache entry) sees the previous
 * content or this one, never half of one. Each writer has its own temporary name; the
 * last rename wins. A failure removes the temporary file and throws.
 * @param file The file to replace.
 * @param data Its new content.
 * @param fs `node:fs` as the caller has it: this module imports nothing, because
 *   lib/register.cjs and lib/register.mjs inline it (bundle-code-cache.ts), where an
 *   import of `node:fs` would cost each process Node's ES module facade of it and one of
 *   `node:module` would undo what scripts/bundle.mjs does to avoid it (issue #12).
 */
export function writeFileAtomic(file: string, data: string | NodeJS.ArrayBufferView, fs: AtomicWriteFs): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
