import type * as Fs from 'node:fs';
import { createRequire } from 'node:module';

/** What an atomic write uses of `node:fs`. */
export type AtomicWriteFs = Pick<typeof Fs, 'writeFileSync' | 'renameSync' | 'rmSync'>;

let nodeFs: AtomicWriteFs | undefined;

/**
 * Writes `file` atomically: the data goes to a temporary file beside it, renamed into
 * place, so a reader (another process of the session, `linecount view` of a file
 * rewritten every `-i` seconds, a process reading a code cache entry) sees the previous
 * content or this one, never half of one. Each writer has its own temporary name; the
 * last rename wins. A failure removes the temporary file and throws.
 * @param file The file to replace.
 * @param data Its new content.
 * @param fs `node:fs` as the caller has it; by default required at the first write:
 *   lib/register.mjs inlines this module (bundle-code-cache.ts), and an import of
 *   `node:fs` would cost each process Node's ES module facade of it (issue #12).
 */
export function writeFileAtomic(file: string, data: string | NodeJS.ArrayBufferView, fs?: AtomicWriteFs): void {
  fs ??= nodeFs ??= createRequire(import.meta.url)('node:fs') as typeof Fs;
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
