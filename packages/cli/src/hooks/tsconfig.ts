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
