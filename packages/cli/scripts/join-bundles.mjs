/**
 * lib/join.cjs and lib/join-more.cjs (see bundle.mjs): the esbuild plugin that leaves
 * what a process of a session needs only once it profiles something to lib/join-more.cjs,
 * and keeps the start of lib/join.cjs free of work Node charges for (issue #12).
 */
import { join } from 'node:path';

const dist = (file) => new URL(`../dist/${file}`, import.meta.url).pathname;

/**
 * What lib/join.cjs leaves to lib/join-more.cjs (issue #12): the modules a process of a
 * session needs only once it instruments a file, saves results, starts a worker or runs
 * under Bun, Deno or Vitest (the runtime, the parts directory, the transform's cache,
 * source maps of stacks). A process that profiles nothing never loads them: compiling and
 * running them was about half of what joining cost it on Node 22 and 24. None of them may
 * be called by a resolve hook before lib/join-more.cjs is loaded: `require`ing it there
 * would call the hook again (build/vitest/vite-redirect.js stays in lib/join.cjs for this).
 */
const JOIN_MORE_MODULES = [
  '@linecount/runtime',
  '@jridgewell/trace-mapping',
  dist('session/parts.js'),
  dist('node/profiler/thread-results.js'),
  dist('node/hooks/transform-cache.js'),
  dist('node/hooks/tsconfig.js'),
  dist('node/hooks/coverage-tool.js'),
  dist('node/hooks/bun-plugin.js'),
  dist('node/hooks/deno-hooks.js'),
  dist('build/vitest/plugin-fix.js'),
];

/** lib/join-more.cjs: every module of JOIN_MORE_MODULES, by its index. */
export const joinMoreEntry = {
  contents: `"use strict";\n${JOIN_MORE_MODULES.map((id, i) => `import * as m${i} from ${JSON.stringify(id)};`).join('\n')}\nexport const modules = [${JOIN_MORE_MODULES.map((_, i) => `m${i}`).join(', ')}];`,
  resolveDir: dist(''),
  sourcefile: 'join-more-entry.js',
};

/**
 * A stand-in of module `index` of JOIN_MORE_MODULES in lib/join.cjs: its functions and
 * classes load lib/join-more.cjs at their first call and call the real ones there; its
 * other exports are copied (primitive constants). Each module thus runs in one bundle
 * only, and keeps one state.
 * @param {number} index
 * @param {Record<string, unknown>} exports The module's exports, read here at build time.
 */
function lazyModule(index, exports) {
  const more = `__linecount_more().modules[${index}]`;
  const lines = Object.entries(exports).map(([name, value]) => {
    if (typeof value === 'function') {
      return `export function ${name}(...args) { const real = ${more}.${name}; return new.target ? Reflect.construct(real, args) : Reflect.apply(real, this, args); }`;
    }
    if (value === null || typeof value !== 'object') return `export const ${name} = ${JSON.stringify(value)};`;
    return '';
  });
  return ["import { more as __linecount_more } from 'join-more:loader';", ...lines].join('\n');
}

/**
 * `node:module` in lib/join.cjs: where Node has `module.registerHooks` (≥ 22.15), the
 * class of the bundle's own `module` (register.cjs gives it one, bundle-code-cache.ts),
 * which has it and what else the bundle uses from the start (its other statics, such as
 * `register`, are only added when `node:module` is first required); elsewhere `require`d.
 * A first `require` of `node:module` makes Node build the builtin's ES module facade,
 * about 0.2 ms of every process of a session on Node 24 (issue #12).
 */
const MODULE_OF_BUNDLE = [
  'const own = module.constructor;',
  "const Module = typeof own.registerHooks === 'function' ? own : require('node:module');",
  'export default Module;',
  'export const createRequire = (...args) => Module.createRequire(...args);',
].join('\n');

/**
 * lib-dir.js in lib/join.cjs, which sits where lib-dir.js does: `__dirname`, so that the
 * bundle needs no `import.meta.url` (`import.meta.url` is `__filename` there, for
 * `createRequire`): making and parsing file URLs at its start cost every process of a
 * session about 0.3 ms on Node 24 (issue #12).
 */
const LIB_DIR_OF_JOIN = "import { sep } from 'node:path'; export const LIB_DIR = __dirname + sep;";

/** `node:url` in lib/join.cjs: required at the first call, not at the start (see {@link MODULE_OF_BUNDLE}). */
const URL_ON_FIRST_USE = ['fileURLToPath', 'pathToFileURL']
  .map((name) => `export const ${name} = (...args) => require('node:url').${name}(...args);`)
  .join('\n');

/** Loads lib/join-more.cjs beside lib/join.cjs, once. */
const JOIN_MORE_LOADER = "let loaded; export const more = () => (loaded ??= require(require('node:path').join(__dirname, 'join-more.cjs')));";

/**
 * esbuild plugin of lib/join.cjs: the modules of JOIN_MORE_MODULES are {@link lazyModule}s;
 * `node:module`, `node:url` and lib-dir.js are replaced as said above.
 */
export const joinMoreLazily = {
  name: 'linecount-join-more',
  setup(build) {
    const resolveAll = async () => {
      const real = await Promise.all(JOIN_MORE_MODULES.map(async (id) => (await build.resolve(id, { kind: 'import-statement', resolveDir: dist(''), namespace: 'lazy-probe' })).path));
      return { real, modules: await Promise.all(real.map((file) => import(file))) };
    };
    let known;
    build.onResolve({ filter: /^[./@]/ }, async ({ path: id, resolveDir, kind, namespace }) => {
      if (namespace !== 'file' || kind === 'entry-point') return undefined;
      known ??= resolveAll();
      const resolved = await build.resolve(id, { kind, resolveDir, namespace: 'lazy-probe' });
      const index = (await known).real.indexOf(resolved.path);
      return index === -1 ? undefined : { path: String(index), namespace: 'join-more' };
    });
    build.onResolve({ filter: /^node:(module|url)$/ }, ({ path: id, namespace }) =>
      namespace === 'join-more' ? { path: id, external: true } : { path: id.slice('node:'.length), namespace: 'join-more' },
    );
    build.onLoad({ filter: /^module$/, namespace: 'join-more' }, () => ({ contents: MODULE_OF_BUNDLE, loader: 'js' }));
    build.onLoad({ filter: /^url$/, namespace: 'join-more' }, () => ({ contents: URL_ON_FIRST_USE, loader: 'js' }));
    build.onResolve({ filter: /\/lib-dir\.js$/ }, ({ path: id, resolveDir }) =>
      join(resolveDir, id) === dist('lib-dir.js') ? { path: 'lib-dir', namespace: 'join-more' } : undefined,
    );
    build.onLoad({ filter: /^lib-dir$/, namespace: 'join-more' }, () => ({ contents: LIB_DIR_OF_JOIN, loader: 'js' }));
    build.onResolve({ filter: /^join-more:loader$/ }, () => ({ path: 'loader', namespace: 'join-more' }));
    build.onLoad({ filter: /^loader$/, namespace: 'join-more' }, () => ({ contents: JOIN_MORE_LOADER, loader: 'js' }));
    build.onLoad({ filter: /^\d+$/, namespace: 'join-more' }, async ({ path: index }) => ({
      contents: lazyModule(Number(index), (await known).modules[Number(index)]),
      loader: 'js',
    }));
  },
};
