import * as fs from 'node:fs';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../session/atomic-write.js';

/** What an entry holds for a file the transform leaves alone (instrumented code is never empty). */
const UNCHANGED = '';

/**
 * The on-disk cache of the transform's output (issue #4), like babel-loader's
 * `cacheDirectory`: one file per key, named by a quick hash of linecount's version and
 * build, the options, the file name and its source and holding them (see {@link entryKey}),
 * so a changed file, option or linecount re-instruments. Writes are atomic
 * (`writeFileAtomic`), so processes sharing the cache never read half an entry; the last
 * writer wins with the same content. Any I/O failure makes it a miss: the cache never
 * fails a load.
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

/** FNV-1a over the text's UTF-16 code units, from `seed`: 32 bits, in hex. */
function fnv1a(text: string, seed: number): string {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * A quick 64-bit hash of `text` (two FNV-1a), in hex: names of cache entries. Not
 * SHA-256: `node:crypto` alone takes a process ~5 ms to load (issue #12), more than a
 * whole cache hit; entries whose names may meet hold what they were made from.
 */
export function quickHash(text: string): string {
  return fnv1a(text, 0x811c9dc5) + fnv1a(text, 0x050c5d1f);
}

/**
 * The key of a small entry (a probe cost): {@link quickHash} of `parts` (Node, CPU, build).
 * @param parts Everything the value depends on.
 */
export function cacheKey(parts: readonly string[]): string {
  return quickHash(parts.join('\0'));
}

/** Parts longer than twice this are named by their length and their ends. */
const NAMED_ENDS = 256;

/**
 * A transform's entry: named by {@link quickHash} of its key parts, long ones (the
 * source) by their length and ends, so that naming a large file costs little; the entry
 * holds the parts in full before the value, and only the same parts read it (see
 * {@link readEntry}). An edit that keeps a file's length and ends replaces its entry.
 */
export function entryKey(parts: readonly string[]): string {
  const summary = (part: string): string => (part.length <= 2 * NAMED_ENDS ? part : `${part.length}\0${part.slice(0, NAMED_ENDS)}\0${part.slice(-NAMED_ENDS)}`);
  return quickHash(parts.map(summary).join('\0'));
}

/** What a transform's entry holds: the length of its parts' text, a newline, that text, then the value ('' for "left alone"). */
export function entryText(parts: readonly string[], code: string | undefined): string {
  const key = parts.join('\0');
  return `${key.length}\n${key}${code ?? UNCHANGED}`;
}

/** The value of a transform's entry for `parts`: code, `null` for "left alone", undefined when it holds other parts (or none). */
export function readEntry(parts: readonly string[], text: string | null | undefined): string | null | undefined {
  if (!text) return undefined;
  const key = parts.join('\0');
  const start = text.indexOf('\n') + 1;
  if (text.slice(0, start) !== `${key.length}\n` || !text.startsWith(key, start)) return undefined;
  const code = text.slice(start + key.length);
  return code === UNCHANGED ? null : code;
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
        writeFileAtomic(file(key), code ?? UNCHANGED, fs);
      } catch {
        // A cache that cannot be written is a cache that misses.
      }
    },
  };
}
