import Module, { createRequire } from 'node:module';

/**
 * How `@linecount/profiler/register` finds and loads the bundles beside it (lib/join.cjs,
 * lib/profiler.cjs). In lib/register.cjs, scripts/bundle.mjs puts the bundle's own
 * `require` and `__dirname` in place of this module: `node:module`, `createRequire` and
 * resolving the bundle cost a process of a session about 1 ms on Node 22 and 24 (issue #12).
 */
export const requireHere = createRequire(import.meta.url);

/** Node's `Module` class, whose instance lib/join.cjs gets as its `module` (see bundle-code-cache.ts). */
export const moduleClass: typeof Module = Module;

/** Absolute path of the bundle `file` of lib/ (its `lib` in entries.ts), beside this file. */
export function bundlePath(file: string): string {
  return requireHere.resolve(`./${file}`);
}
