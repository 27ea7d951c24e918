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
 *  - lib/html-page-script.js: the HTML report's page script (src/report/html-client.ts and
 *    the listing model it renders with), one script for browsers that html-report.ts
 *    inlines into each report; copied to dist/ for the workspace's tests.
 *  - the ES modules the CLI, the plugins and Node's loader hooks load (ESM_ENTRIES), split
 *    into shared chunks at the root of lib/, and the type declarations of the exports.
 * `import.meta.url` becomes the bundle's own URL; the bundles sit where the modules they
 * inline locate files from (paths.js at the root of lib/).
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { copyDeclarations } from './declarations.mjs';
import { joinMoreEntry, joinMoreLazily } from './join-bundles.mjs';

const dist = (file) => new URL(`../dist/${file}`, import.meta.url).pathname;
const lib = (file) => new URL(`../lib/${file}`, import.meta.url).pathname;

/** Bare imports inlined into lib/; every other one stays an import of a dependency or of the user's tools. */
const INLINED = /^(@linecount\/runtime$|@jridgewell\/|picocolors$|pprof-format$)/;

/** The ES modules loaded by path or through the package's exports (paths.ts, package.json): lib/ name → dist/ module. */
const ESM_ENTRIES = {
  main: 'command/main.js',
  index: 'index.js',
  'setup-preload': 'node/setup-preload.js',
  'hooks/esm-hooks': 'node/hooks/esm-hooks.js',
  'vitest/vite-wrapper': 'build/vitest/vite-wrapper.js',
  'vitest/resolve-hooks': 'build/vitest/resolve-hooks.js',
  ...Object.fromEntries(['vite', 'rollup', 'webpack', 'esbuild', 'babel'].map((name) => [`plugins/${name}`, `build/${name}.js`])),
};

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
    "export * from './node/hooks/transform.js';",
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
  contents: `export * from './session/syntax.js';\nexport * from ${JSON.stringify(instrumenterRequire.resolve('@babel/parser'))};`,
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

rmSync(lib(''), { recursive: true, force: true });
await Promise.all([
  build({ ...common, ...withImportMetaUrl, stdin: transformEntry, outfile: lib('hooks/transform.cjs'), external: ['esbuild'], plugins: [parserFromParseBundle] }),
  ...[
    { entryPoints: [dist('node/profiler/index.js')], outfile: lib('profiler.cjs') },
    { entryPoints: [dist('node/profiler/join-entry.js')], outfile: lib('join.cjs'), plugins: [joinMoreLazily], define: { 'import.meta.url': '__filename' }, banner: { js: '// lib/join.cjs (scripts/bundle.mjs)' } },
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
    entryPoints: [dist('command/main.js')],
    outfile: lib('cli.cjs'),
    external: ['./parse.cjs', './profiler.cjs', './join.cjs'],
    plugins: [dependencies],
  }),
  build({ ...common, entryPoints: [dist('node/register.js')], outfile: lib('register.cjs'), plugins: [ownBundlesOfCommonJs] }),
  // One file, and `.mjs` so Node need not look up a package.json for its format: with
  // profiling off this is all `--import @linecount/profiler/register` loads (bench/startup.mjs).
  build({ ...common, format: 'esm', entryPoints: [dist('node/register.js')], outfile: lib('register.mjs'), external: ['./profiler.cjs', './join.cjs'] }),
  ...[
    ['browser/bundle-runtime.js', 'bundle-runtime.mjs', 'esm'],
    ['browser/runtime-entry.js', 'runtime.mjs', 'esm'],
    // CommonJS has no import.meta: the profiler is found from the file itself.
    ['browser/runtime-entry.js', 'runtime.cjs', 'cjs', { 'import.meta.url': '__filename' }],
  ].map(([entry, outfile, format, define]) =>
    // `neutral`: a Node module imported by mistake fails the build instead of breaking browsers.
    build({ ...common, platform: 'neutral', format, target: 'es2022', entryPoints: [dist(entry)], outfile: lib(outfile), define }),
  ),
  // `browser`: the page script runs in the report's page, nowhere else.
  build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: [dist('report/html-client.js')], outfile: lib('html-page-script.js') }),
  build({
    ...common,
    format: 'esm',
    splitting: true,
    entryPoints: Object.entries(ESM_ENTRIES).map(([out, entry]) => ({ in: dist(entry), out })),
    outdir: lib(''),
    // At the root of lib/, as paths.js must be (see above).
    chunkNames: 'chunk-[hash]',
    plugins: [dependencies],
  }),
]);
for (const bundle of ['join.cjs', 'join-more.cjs', 'profiler.cjs']) shareBuiltins(lib(bundle));
copyDeclarations(dist(''), lib(''));
// bench/throughput.mjs times tsc's dist/node/hooks/load-transform.js, which loads the transform from beside it.
mkdirSync(dist('hooks'), { recursive: true });
copyFileSync(lib('hooks/transform.cjs'), dist('hooks/transform.cjs'));
// html-report.js reads the page script from beside paths.js, in dist/ as in lib/.
copyFileSync(lib('html-page-script.js'), dist('html-page-script.js'));
