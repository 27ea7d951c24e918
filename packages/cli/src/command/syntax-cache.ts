import path from 'node:path';
import { createTransformCache, quickHash } from '../node/hooks/transform-cache.js';
import { PACKAGE_DIR, bundlePath } from '../bundle-paths.js';

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
  const cache = createTransformCache(cacheDir, PACKAGE_DIR, bundlePath('parse'), '.syntax');
  const keyText = `${cache.build}\0${path.basename(file)}\0${source}`;
  const key = quickHash(keyText);
  const checked = `${path.basename(file)}\0${source}`;
  if (cache.get(key) === checked) return;
  check();
  cache.set(key, checked);
}
