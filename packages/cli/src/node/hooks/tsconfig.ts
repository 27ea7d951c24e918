import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TsconfigRaw } from 'esbuild';
import type * as GetTsconfig from 'get-tsconfig';

const tsconfigCache: GetTsconfig.Cache = new Map();

/** The compiler options of the nearest tsconfig.json (with `extends`), as tsx reads them. */
export function tsconfigFor(filename: string): TsconfigRaw | undefined {
  // Required here, on the first TypeScript file: processes that load none never load it (issue #12).
  const { getTsconfig } = createRequire(import.meta.url)('get-tsconfig') as typeof GetTsconfig;
  const found = getTsconfig(path.dirname(filename), 'tsconfig.json', tsconfigCache);
  return found ? ({ compilerOptions: found.config.compilerOptions ?? {} } as TsconfigRaw) : undefined;
}

/** Text of the nearest tsconfig.json from `dir` up (as get-tsconfig finds it), null if none; undefined if one cannot be read. */
function nearestTsconfigText(dir: string): { file: string; text: string } | null | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const file = path.join(current, 'tsconfig.json');
    try {
      return { file, text: readFileSync(file, 'utf8') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    }
    if (path.dirname(current) === current) return null;
  }
}

const keys = new Map<string, string>();

/**
 * What of the tsconfig a file's compiled output depends on, for a cache key: the path and
 * text of the nearest tsconfig.json when it extends no other, else (or when it cannot be
 * read) the options {@link tsconfigFor} reads. A cache hit then needs no get-tsconfig,
 * which takes a process ~7 ms to load (issue #12).
 */
export function tsconfigKey(filename: string): string {
  const dir = path.dirname(filename);
  let key = keys.get(dir);
  if (key === undefined) {
    const found = nearestTsconfigText(dir);
    if (found === null) key = 'none';
    else if (found && !/"extends"/.test(found.text)) key = `${found.file}\0${found.text}`;
    else key = JSON.stringify(tsconfigFor(filename) ?? null);
    keys.set(dir, key);
  }
  return key;
}
