import type * as Fs from 'node:fs';
import type * as Path from 'node:path';
import type * as Vm from 'node:vm';
import { writeFileAtomic } from '../session/atomic-write.js';
import { CODE_CACHE_EXTENSION } from '../session/constants.js';

/** Node's `Module`, as far as running a bundle as `require` would uses it. */
interface ModuleClass {
  prototype: object;
  /** Wraps a CommonJS module's code in Node's function `(exports, require, module, __filename, __dirname)`, on its first line. */
  wrap(code: string): string;
}

type ModuleWrapper = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;

interface CachedScript {
  script: Vm.Script;
  /** Writes the code cache entry; undefined when V8 took the existing one. */
  save?: () => void;
}

/** Writes V8's code cache of `script` to `entry` atomically; a failure is a miss next time. */
function writeEntry(fs: typeof Fs, dir: string, entry: string, script: Vm.Script): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    writeFileAtomic(entry, script.createCachedData(), fs);
  } catch {
    // Not cached: compiled again next time.
  }
}

/** Compiles the bundle `file` with the code cache entry of this Node and this build of it, if there is one. */
function compileCached(require: NodeJS.Require, moduleClass: ModuleClass, file: string, cacheDir: string): CachedScript {
  const fs = require('node:fs') as typeof Fs;
  const { join, basename } = require('node:path') as typeof Path;
  const { Script } = require('node:vm') as typeof Vm;
  const { size, mtimeMs } = fs.statSync(file);
  const name = `${basename(file)}-${process.version}-${process.arch}-${size}-${Math.round(mtimeMs)}${CODE_CACHE_EXTENSION}`;
  const entry = join(cacheDir, name);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(entry);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(moduleClass.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const save = cachedData === undefined || script.cachedDataRejected ? () => writeEntry(fs, cacheDir, entry, script) : undefined;
  return { script, save };
}

/**
 * Runs the CommonJS bundle `file` of lib/ as `require` would, then `start` with its
 * exports, compiled with V8's code cache kept in `cacheDir` (issue #12): compiling
 * lib/join.cjs was half of what joining a session cost a process that profiles
 * nothing (~2.5 ms of ~5 on Node 22 and 24; Node's own compile cache keeps only what
 * is compiled before the bundle runs, and would cache the program's modules too). The
 * entry is written after `start`, so that it holds the functions a joining process
 * compiles; it is named by Node's version and arch and the bundle's size and time, and
 * V8 rejects one made under other V8 flags (then it is written again). With no cache
 * directory (`--no-cache`), or when the bundle cannot be read or compiled this way, it
 * is `require`d.
 * @param require A `require` of the bundle's directory: the bundle's own requires are Node's builtins.
 * @param moduleClass Node's `Module`: the bundle's `module` is one, as under `require`, so
 *   that it finds `Module` without `require('node:module')` (scripts/bundle.mjs).
 * @param file The bundle's absolute path.
 * @param cacheDir linecount's cache directory; undefined: no cache.
 * @param start Called with the bundle's exports.
 */
export function runBundle<T>(
  require: NodeJS.Require,
  moduleClass: ModuleClass,
  file: string,
  cacheDir: string | undefined,
  start: (exports: T) => void,
): void {
  let compiled: CachedScript | undefined;
  try {
    compiled = cacheDir === undefined ? undefined : compileCached(require, moduleClass, file, cacheDir);
  } catch {
    compiled = undefined;
  }
  if (!compiled) return start(require(file) as T);
  const module = Object.assign(Object.create(moduleClass.prototype) as object, { exports: {} });
  const { dirname } = require('node:path') as typeof Path;
  (compiled.script.runInThisContext() as ModuleWrapper)(module.exports, require, module, file, dirname(file));
  start(module.exports as T);
  compiled.save?.();
}
