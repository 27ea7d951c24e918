import type * as Crypto from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';

/** What an entry holds for a file the transform leaves alone (instrumented code is never empty). */
const UNCHANGED = '';

/**
 * The on-disk cache of the transform's output (issue #4), like babel-loader's
 * `cacheDirectory`: one file per key, named by the SHA-256 of linecount's version and
 * build, the options, the file name and its source, so a changed file, option or
 * linecount re-instruments. Writes are atomic (`writeFileAtomic`), so processes
 * sharing the cache never read half an entry; the last writer wins with the same
 * content. Any I/O failure makes it a miss: the cache never fails a load.
 */
export interface TransformCache {
  /** The cached output for `key`: code, `null` for "left alone", undefined on a miss. */
  get(key: string): string | null | undefined;
  set(key: string, code: string | undefined): void;
}

/** What identifies this linecount build: its version and the transform bundle's size and time. */
function buildId(packageDir: string, bundle: string): string {
  try {
    const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
    const stat = statSync(bundle);
    return `${version}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'unknown';
  }
}

/**
 * The key of one transform: SHA-256 over `parts` (build id, options, file, source).
 * @param parts Everything the output depends on.
 */
export function cacheKey(parts: readonly string[]): string {
  // Required on the first file to instrument: a process that instruments none never loads it (issue #12).
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/**
 * Opens the cache in `dir` (created on first write).
 * @param dir Cache directory.
 * @param packageDir linecount's package directory, for its version.
 * @param bundle The transform bundle, whose size and time tell builds apart.
 * @param extension Of the entries' files: `.js` for instrumented code, others for the
 *   other results linecount keeps there (a probe cost, a syntax check).
 */
export function createTransformCache(dir: string, packageDir: string, bundle: string, extension = '.js'): TransformCache & { build: string } {
  const file = (key: string): string => path.join(dir, `${key}${extension}`);
  return {
    build: buildId(packageDir, bundle),
    get(key) {
      try {
        const code = readFileSync(file(key), 'utf8');
        return code === UNCHANGED ? null : code;
      } catch {
        return undefined;
      }
    },
    set(key, code) {
      try {
        mkdirSync(dir, { recursive: true });
        writeFileAtomic(file(key), code ?? UNCHANGED);
      } catch {
        // A cache that cannot be written is a cache that misses.
      }
    },
  };
}
