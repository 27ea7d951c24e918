import path from 'node:path';
import { createTransformCache } from './hooks/transform-cache.js';
import { PACKAGE_DIR, PARSE_BUNDLE_PATH } from './paths.js';

/** FNV-1a over the text's UTF-16 code units, from `seed`: 32 bits of a file name. */
function fnv1a(text: string, seed: number): string {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * Runs `check` (the parser's syntax check of a script before its run, which loads Babel's
 * parser: ~20 ms) unless the same source, under the same file name, already passed it
 * with this parser build: a success is remembered in the cache directory (issue #12).
 * The entry is named by a quick hash (`node:crypto` alone takes the CLI ~5 ms to load)
 * and holds the source it checked, so that only the same text is a hit. Errors are never
 * cached, so that they are reported with their code frame every time.
 * @param file The file (its name decides the parser's syntax plugins).
 * @param source Its text.
 * @param cacheDir The cache directory; undefined (`--no-cache`): always check.
 * @param check Throws on a syntax error.
 */
export function checkSyntaxOnce(file: string, source: string, cacheDir: string | undefined, check: () => void): void {
  if (cacheDir === undefined) return check();
  const cache = createTransformCache(cacheDir, PACKAGE_DIR, PARSE_BUNDLE_PATH, '.syntax');
  const keyText = `${cache.build}\0${path.basename(file)}\0${source}`;
  const key = fnv1a(keyText, 0x811c9dc5) + fnv1a(keyText, 0x050c5d1f);
  const checked = `${path.basename(file)}\0${source}`;
  if (cache.get(key) === checked) return;
  check();
  cache.set(key, checked);
}
