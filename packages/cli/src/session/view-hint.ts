import { realpathSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_NAME } from './constants.js';
import { BIN_PATH } from '../bundle-paths.js';

/** A `node_modules/.bin` directory: npm, npx and pnpm put it on PATH for the commands they run, not for the user's shell. */
const PACKAGE_BIN_DIR = /[\\/]node_modules[\\/]\.bin[\\/]?$/;

/** npx's cache of packages run without an install: `npx linecount` there would fetch npm's `linecount`, another package. */
const NPX_CACHE_DIR = /[\\/]_npx[\\/]/;

function realpathOrUndefined(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/**
 * How the user runs `linecount view` in their shell (issue #16): `linecount` when this
 * package's bin is on PATH (a global install), `yarn linecount` under Yarn Plug'n'Play (no
 * `node_modules/.bin` to find it in), `npx @linecount/profiler` when npx runs it from its
 * cache (not installed), else `npx linecount`, which finds a local install in
 * `node_modules/.bin`. PATH entries that are `node_modules/.bin` directories do not count:
 * `npx`, `npm run` and `pnpm exec` add them for the command they run only.
 * @param [pathEnv=process.env.PATH] The PATH to search.
 * @param [bin=BIN_PATH] This package's bin file.
 * @param [pnp=process.versions.pnp] Yarn Plug'n'Play's version, when it runs this process.
 */
export function viewCommand(pathEnv = process.env.PATH ?? '', bin = BIN_PATH, pnp = process.versions.pnp): string {
  if (pnp !== undefined) return 'yarn linecount view';
  if (NPX_CACHE_DIR.test(bin)) return `npx ${PACKAGE_NAME} view`;
  const own = realpathOrUndefined(bin);
  const dirs = pathEnv.split(path.delimiter).filter((dir) => dir !== '' && !PACKAGE_BIN_DIR.test(dir));
  const onPath = dirs.some((dir) => realpathOrUndefined(path.join(dir, 'linecount')) === own);
  return onPath ? 'linecount view' : 'npx linecount view';
}
