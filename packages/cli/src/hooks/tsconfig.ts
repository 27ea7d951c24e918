import path from 'node:path';
import type { TsconfigRaw } from 'esbuild';
import { getTsconfig, type Cache } from 'get-tsconfig';

const tsconfigCache: Cache = new Map();

/** The compiler options of the nearest tsconfig.json (with `extends`), as tsx reads them. */
export function tsconfigFor(filename: string): TsconfigRaw | undefined {
  const found = getTsconfig(path.dirname(filename), 'tsconfig.json', tsconfigCache);
  return found ? ({ compilerOptions: found.config.compilerOptions ?? {} } as TsconfigRaw) : undefined;
}
