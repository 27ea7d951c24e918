/**
 * Builds lib/, what the published package runs, from tsc's output in dist/ (`tsc -b`
 * first). dist/ stays the workspace's build (the other packages' tests and bench/ import
 * it); nothing in lib/ imports `@linecount/instrumenter` or `@linecount/runtime`, which are
 * not published: they, Babel and the small dependencies are inlined (issue #16), and each is
 * shipped once. Only esbuild, tsx, get-tsconfig and unplugin stay dependencies.
 *  - lib/hooks/transform.cjs: the instrumenting transform (instrumenter + Babel). Loading
 *    one file is ~2x faster than Babel's hundreds of modules, and CommonJS can be
 *    required synchronously from the `require` hook on Node 20, only when a file needs it.
 *    It also exports the instrumenter and its Babel plugin (package import `#instrumenter`)
 *    for the bundler and Babel plugins, so that Babel is in the package once.
 *  - lib/profiler.cjs: the profiler that `@linecount/profiler/register` starts (runtime, hooks,
 *    parts, reports), so that the `--require` entry can load it synchronously on Node 20,
 *    where `require()` of ES modules is not available everywhere; lib/join.cjs: the part
 *    of it that a process of a session needs (no owner, no reports), what every process
 *    under `linecount` loads: compiled with V8's code cache (src/bundle-code-cache.ts),
 *    each builtin required once (shareBuiltins below).
 *    The parser (lib/parse.cjs: syntax checks, `--prof-imports`), get-tsconfig and tsx are loaded
 *    apart, when a file needs them: a process that profiles nothing loads little.
 *  - lib/register.cjs: `@linecount/profiler/register` for `--require` and NODE_OPTIONS, and
 *    lib/register.mjs for `--import`: single files, cheap to load when profiling is off.
 *  - lib/cli.cjs: the `linecount` command (bin/linecount.js, CommonJS), one file: loading
 *    the command's ES modules one by one, with Node's ES module facades of the builtins
 *    they import, took about 30 ms before the program could start (issue #12).
 *  - lib/bundle-runtime.mjs: the runtime entry of code built with the bundler plugins,
 *    one ES module that bundlers take into browser builds too (no Node module in it), and
 *    lib/runtime.mjs / lib/runtime.cjs: `@linecount/profiler/runtime`, which starts it, for the
 *    Babel plugin's output.
 *  - the ES modules the CLI, the plugins and Node's loader hooks load (ESM_ENTRIES), split
 *    into shared chunks at the root of lib/, and the type declarations of the exports.
 * `import.meta.url` becomes the bundle's own URL; the bundles sit where the modules they
 * inline locate files from (paths.js at the root of lib/).
 */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { copyDeclarations } from './declarations.mjs';

const dist = (file) => new URL(`../dist/${file}`, import.meta.url).pathname;
const lib = (file) => new URL(`../lib/${file}`, import.meta.url).pathname;

/** Bare imports inlined into lib/; every other one stays an import of a dependency or of the user's tools. */
const INLINED = /^(@linecount\/runtime$|@jridgewell\/|picocolors$|pprof-format$)/;

/** The ES modules loaded by path or through the package's exports (paths.ts, package.json). */
const ESM_ENTRIES = [
  'main.js',
  'index.js',
  'setup-preload.js',
  'hooks/esm-hooks.js',
  'vitest/vite-wrapper.js',
  'vitest/resolve-hooks.js',
  ...['vite', 'rollup', 'webpack', 'esbuild', 'babel'].map((name) => `plugins/${name}.js`),
];

/** The instrumenter in the ES modules: the exports of lib/hooks/transform.cjs (see above). */
const INSTRUMENTER_SHIMS = {
  '@linecount/instrumenter': "export * from '#instrumenter';",
  '@linecount/instrumenter/parse': "export * from '#instrumenter';",
  '@linecount/instrumenter/errors': "export * from '#instrumenter';",
  '@linecount/instrumenter/babel': "export { babelPlugin as default } from '#instrumenter';",
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  // Babel's and our identifiers stay as written, for readable stacks; whitespace goes.
  minifyWhitespace: true,
  legalComments: 'none',
};

const withImportMetaUrl = {
  define: { 'import.meta.url': '__linecount_import_meta_url' },
  banner: { js: 'const __linecount_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
};

/** esbuild plugin: bare imports not in INLINED stay external, the instrumenter's go to `#instrumenter`. */
const dependencies = {
  name: 'linecount-dependencies',
  setup(build) {
    build.onResolve({ filter: /^@linecount\/instrumenter/ }, ({ path: id }) =>
      id in INSTRUMENTER_SHIMS ? { path: id, namespace: 'instrumenter-shim' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'instrumenter-shim' }, ({ path: id }) => ({ contents: INSTRUMENTER_SHIMS[id] }));
    build.onResolve({ filter: /^[^./]/ }, ({ path: id }) => (INLINED.test(id) ? undefined : { path: id, external: true }));
  },
};

const transformEntry = {
  contents: [
    "export * from './hooks/transform.js';",
    "export * from '@linecount/instrumenter';",
    "export { default as babelPlugin } from '@linecount/instrumenter/babel';",
  ].join('\n'),
  resolveDir: dist(''),
  sourcefile: 'transform-entry.js',
};

/** Resolves the instrumenter's dependencies (pnpm does not hoist them to this package). */
const instrumenterRequire = createRequire(new URL('../../instrumenter/package.json', import.meta.url));

/** lib/parse.cjs: syntax.js, and Babel's parser for lib/hooks/transform.cjs (package import `#parser`). */
const parseEntry = {
  contents: `export * from './syntax.js';\nexport * from ${JSON.stringify(instrumenterRequire.resolve('@babel/parser'))};`,
  resolveDir: dist(''),
  sourcefile: 'parse-entry.js',
};

/** esbuild plugin: Babel's parser and code frames come from lib/parse.cjs, so that they are in the package once. */
const parserFromParseBundle = {
  name: 'linecount-parser',
  setup(build) {
    build.onResolve({ filter: /^@babel\/(parser|code-frame)$/ }, () => ({ path: '#parser', external: true }));
  },
};

/** Helpers of {@link shareBuiltins}, at the start of the bundle's code. */
const SHARED_BUILTINS =
  'var __linecount_builtins={};var __linecount_builtin=(id)=>__linecount_builtins[id]??=require(id);' +
  'var __linecount_esm=(id)=>__linecount_builtins[id+"#esm"]??=Object.create(__linecount_builtin(id),{default:{value:__linecount_builtin(id)}});';

/**
 * Post-processes lib/join.cjs and lib/profiler.cjs: esbuild requires a builtin once per
 * source module that imports it (38 `require`s of 4 builtins in lib/join.cjs), and for
 * each default import of one (`import path from 'node:path'`) copies its exports into a
 * new object of getters (`__toESM`): about 1 ms of CPU in every process of a session on
 * Node 22 (issue #12). Here each builtin is required once, and default-imported through
 * one object whose prototype is the builtin (its properties read as live as
 * `__toESM`'s getters). The banner (first line) is left as it is.
 * @param {string} file
 */
function shareBuiltins(file) {
  const text = readFileSync(file, 'utf8');
  const newline = text.indexOf('\n') + 1;
  const start = text.indexOf('"use strict";', newline) + '"use strict";'.length;
  if (start !== newline + '"use strict";'.length) throw new Error(`${file}: no "use strict" after the banner`);
  const code = text
    .slice(start)
    .replace(/__toESM\(require\(("node:[\w/]+")\),1\)/g, '__linecount_esm($1)')
    .replace(/\brequire\(("node:[\w/]+")\)/g, '__linecount_builtin($1)');
  writeFileSync(file, text.slice(0, start) + SHARED_BUILTINS + code);
}

/**
 * esbuild plugin of lib/register.cjs: its own `require` and `__dirname` locate and load
 * the bundles beside it, in place of own-bundles.js (see there).
 */
const ownBundlesOfCommonJs = {
  name: 'linecount-own-bundles',
  setup(build) {
    build.onResolve({ filter: /\/own-bundles\.js$/ }, ({ path: id }) => ({ path: id, namespace: 'own-bundles' }));
    build.onLoad({ filter: /.*/, namespace: 'own-bundles' }, () => ({
      contents:
        "export const requireHere = require; export const moduleClass = module.constructor; export const bundlePath = (name) => require('node:path').join(__dirname, name);",
    }));
  },
};

/**
 * What lib/join.cjs leaves to lib/join-more.cjs (issue #12): the modules a process of a
 * session needs only once it instruments a file, saves results, starts a worker or runs
 * under Bun, Deno or Vitest (the runtime, the parts directory, the transform's cache,
 * source maps of stacks). A process that profiles nothing never loads them: compiling and
 * running them was about half of what joining cost it on Node 22 and 24. None of them may
 * be called by a resolve hook before lib/join-more.cjs is loaded: `require`ing it there
 * would call the hook again (vitest/vite-redirect.js stays in lib/join.cjs for this).
 */
const JOIN_MORE_MODULES = [
  '@linecount/runtime',
  '@jridgewell/trace-mapping',
  dist('parts.js'),
  dist('profiler/thread-results.js'),
  dist('hooks/transform-cache.js'),
  dist('hooks/tsconfig.js'),
  dist('hooks/coverage-tool.js'),
  dist('hooks/bun-plugin.js'),
  dist('hooks/deno-hooks.js'),
  dist('vitest/plugin-fix.js'),
];

/** lib/join-more.cjs: every module of JOIN_MORE_MODULES, by its index. */
const joinMoreEntry = {
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
 * paths.js in lib/join.cjs, which sits where paths.js does: its paths joined to
 * `__dirname`, and its URLs made on first use (`Module.register` takes their text), so
 * that the bundle needs no `import.meta.url` (`import.meta.url` is `__filename` there,
 * for `createRequire`): making and parsing file URLs at its start cost every process of a
 * session about 0.3 ms on Node 24 (issue #12).
 */
async function pathsOfJoin() {
  const { relative, sep } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const exports = await import(dist('paths.js'));
  const lines = Object.entries(exports).map(([name, value]) => {
    if (typeof value === 'string') {
      const trailing = value.endsWith(sep) ? ' + sep' : '';
      return `export const ${name} = /* @__PURE__ */ join(__dirname, ${JSON.stringify(relative(dist(''), value))})${trailing};`;
    }
    const file = JSON.stringify(relative(dist(''), fileURLToPath(value)));
    return `export const ${name} = { get href() { return require('node:url').pathToFileURL(join(__dirname, ${file})).href; }, toString() { return this.href; } };`;
  });
  return ["import { join, sep } from 'node:path';", ...lines].join('\n');
}

/** `node:url` in lib/join.cjs: required at the first call, not at the start (see {@link MODULE_OF_BUNDLE}). */
const URL_ON_FIRST_USE = ['fileURLToPath', 'pathToFileURL']
  .map((name) => `export const ${name} = (...args) => require('node:url').${name}(...args);`)
  .join('\n');

/** Loads lib/join-more.cjs beside lib/join.cjs, once. */
const JOIN_MORE_LOADER = "let loaded; export const more = () => (loaded ??= require(require('node:path').join(__dirname, 'join-more.cjs')));";

/** esbuild plugin of lib/join.cjs: the modules of JOIN_MORE_MODULES are {@link lazyModule}s. */
const joinMoreLazily = {
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
    build.onResolve({ filter: /\/paths\.js$/ }, ({ path: id, resolveDir }) =>
      join(resolveDir, id) === dist('paths.js') ? { path: 'paths', namespace: 'join-more' } : undefined,
    );
    build.onLoad({ filter: /^paths$/, namespace: 'join-more' }, async () => ({ contents: await pathsOfJoin(), resolveDir: dist(''), loader: 'js' }));
    build.onResolve({ filter: /^join-more:loader$/ }, () => ({ path: 'loader', namespace: 'join-more' }));
    build.onLoad({ filter: /^loader$/, namespace: 'join-more' }, () => ({ contents: JOIN_MORE_LOADER, loader: 'js' }));
    build.onLoad({ filter: /^\d+$/, namespace: 'join-more' }, async ({ path: index }) => ({
      contents: lazyModule(Number(index), (await known).modules[Number(index)]),
      loader: 'js',
    }));
  },
};

rmSync(lib(''), { recursive: true, force: true });
await Promise.all([
  build({ ...common, ...withImportMetaUrl, stdin: transformEntry, outfile: lib('hooks/transform.cjs'), external: ['esbuild'], plugins: [parserFromParseBundle] }),
  ...[
    { entryPoints: [dist('profiler/index.js')], outfile: lib('profiler.cjs') },
    { entryPoints: [dist('profiler/join-entry.js')], outfile: lib('join.cjs'), plugins: [joinMoreLazily], define: { 'import.meta.url': '__filename' }, banner: { js: '// lib/join.cjs (scripts/bundle.mjs)' } },
    { stdin: joinMoreEntry, outfile: lib('join-more.cjs') },
  ].map((bundle) =>
    build({
      ...common,
      ...withImportMetaUrl,
      ...bundle,
      external: ['esbuild', 'tsx', 'tsx/*', 'get-tsconfig', './parse.cjs'],
    }),
  ),
  build({ ...common, stdin: parseEntry, outfile: lib('parse.cjs') }),
  build({
    ...common,
    ...withImportMetaUrl,
    entryPoints: [dist('main.js')],
    outfile: lib('cli.cjs'),
    external: ['./parse.cjs', './profiler.cjs', './join.cjs'],
    plugins: [dependencies],
  }),
  build({ ...common, entryPoints: [dist('register.js')], outfile: lib('register.cjs'), plugins: [ownBundlesOfCommonJs] }),
  // One file, and `.mjs` so Node need not look up a package.json for its format: with
  // profiling off this is all `--import @linecount/profiler/register` loads (bench/startup.mjs).
  build({ ...common, format: 'esm', entryPoints: [dist('register.js')], outfile: lib('register.mjs'), external: ['./profiler.cjs', './join.cjs'] }),
  ...[
    ['plugins/bundle-runtime.js', 'bundle-runtime.mjs', 'esm'],
    ['plugins/runtime-entry.js', 'runtime.mjs', 'esm'],
    // CommonJS has no import.meta: the profiler is found from the file itself.
    ['plugins/runtime-entry.js', 'runtime.cjs', 'cjs', { 'import.meta.url': '__filename' }],
  ].map(([entry, outfile, format, define]) =>
    // `neutral`: a Node module imported by mistake fails the build instead of breaking browsers.
    build({ ...common, platform: 'neutral', format, target: 'es2022', entryPoints: [dist(entry)], outfile: lib(outfile), define }),
  ),
  build({
    ...common,
    format: 'esm',
    splitting: true,
    entryPoints: ESM_ENTRIES.map(dist),
    outbase: dist(''),
    outdir: lib(''),
    // At the root of lib/, as paths.js must be (see above).
    chunkNames: 'chunk-[hash]',
    plugins: [dependencies],
  }),
]);
for (const bundle of ['join.cjs', 'join-more.cjs', 'profiler.cjs']) shareBuiltins(lib(bundle));
copyDeclarations(dist(''), lib(''));
// bench/throughput.mjs times tsc's dist/hooks/load-transform.js, which loads the transform from beside it.
copyFileSync(lib('hooks/transform.cjs'), dist('hooks/transform.cjs'));
