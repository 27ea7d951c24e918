/**
 * Builds lib/, what the published package runs, from tsc's output in dist/ (`tsc -b`
 * first): each bundle of the table of src/entries.ts by its recipe (RECIPES below). dist/ stays the workspace's build (the other packages' tests and bench/ import
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
 *    under `linecount` loads: compiled with V8's code cache (src/node/bundle-code-cache.ts),
 *    each builtin required once (shareBuiltins below).
 *    The parser (lib/parse.cjs: syntax checks, `--prof-imports`), get-tsconfig and tsx are loaded
 *    apart, when a file needs them: a process that profiles nothing loads little.
 *  - lib/register.cjs: `@linecount/profiler/register` for `--require` and NODE_OPTIONS, and
 *    lib/register.mjs for `--import`: single files, cheap to load when profiling is off.
 *  - lib/cli.cjs: the `linecount` command (bin/linecount.js, CommonJS) and the package's
 *    API (src/index.ts), one file: loading the command's ES modules one by one, with Node's
 *    ES module facades of the builtins they import, took about 30 ms before the program
 *    could start (issue #12). lib/index.js, the package's main export, re-exports it to
 *    ES modules, so that the command is in the package once (issue 15).
 *  - lib/bundle-runtime.mjs: the runtime entry of code built with the bundler plugins,
 *    one ES module that bundlers take into browser builds too (no Node module in it), and
 *    lib/runtime.mjs / lib/runtime.cjs: `@linecount/profiler/runtime`, which starts it, for the
 *    Babel plugin's output.
 *  - lib/html-page-script.js: the HTML report's page script (src/report/html-client.ts and
 *    the listing model it renders with), one script for browsers that html-report.ts
 *    inlines into each report; copied to dist/ for the workspace's tests.
 *  - the ES modules the plugins and Node's loader hooks load (`split` below), split into
 *    shared chunks at the root of lib/, and the type declarations of the exports.
 * `import.meta.url` becomes the bundle's own URL; the bundles sit where the modules they
 * inline locate files from (lib-dir.js at the root of lib/; checked by checkLibDir).
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { copyDeclarations } from './declarations.mjs';
import { joinMoreEntry, joinMoreLazily } from './join-bundles.mjs';
import { BUNDLES } from '../dist/entries.js';

const dist = (file) => new URL(`../dist/${file}`, import.meta.url).pathname;
const lib = (file) => new URL(`../lib/${file}`, import.meta.url).pathname;

/** The bundle `name` of src/entries.ts; a name not there fails the build. */
function entry(name) {
  if (!(name in BUNDLES)) throw new Error(`scripts/bundle.mjs: no bundle ${name} in src/entries.ts`);
  return BUNDLES[name];
}

/** The module of dist/ that tsc made of the bundle `name`'s source (src/entries.ts). */
const source = (name) => entry(name).source.replace(/\.ts$/, '.js');

/** esbuild's options of the bundle `name` from its source module: entry and output file. */
const single = (name) => ({ entryPoints: [dist(source(name))], outfile: lib(entry(name).lib) });

/** Bare imports inlined into lib/; every other one stays an import of a dependency or of the user's tools. */
const INLINED = /^(@linecount\/runtime$|@jridgewell\/|picocolors$|pprof-format$)/;

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
    `export * from './${source('transform')}';`,
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
  contents: `export * from './${source('parse')}';\nexport * from ${JSON.stringify(instrumenterRequire.resolve('@babel/parser'))};`,
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
 * esbuild plugin of every bundle: src/entries.ts with only what the code reads of each
 * bundle, its `lib` file (the rest is for this script), so that the table costs the
 * bundles that take it in (lib/register.mjs among them) a few hundred bytes.
 */
const entriesAtRunTime = {
  name: 'linecount-entries',
  setup(build) {
    build.onLoad({ filter: /[\\/]dist[\\/]entries\.js$/ }, ({ path: file }) => {
      if (file !== dist('entries.js')) return undefined;
      const table = Object.fromEntries(Object.entries(BUNDLES).map(([name, { lib: file }]) => [name, { lib: file }]));
      return { contents: `export const BUNDLES = ${JSON.stringify(table)};`, loader: 'js' };
    });
  },
};

/** What the bundles of the profiler load beside them, when needed, instead of inlining it. */
const PROFILER_EXTERNAL = ['esbuild', 'tsx', 'tsx/*', 'get-tsconfig', './parse.cjs'];

/** `neutral`: a Node module imported by mistake fails the build instead of breaking browsers. */
const browserSafe = { platform: 'neutral', target: 'es2022' };

/**
 * How each bundle of src/entries.ts is built: esbuild's options on top of `common`, or
 * `split` for the ES modules built together with shared chunks, or `facade` for
 * lib/index.js. A bundle of the table with no recipe, or a recipe of no bundle, fails the build.
 */
const RECIPES = {
  cli: { ...withImportMetaUrl, ...single('cli'), external: ['./parse.cjs', './profiler.cjs', './join.cjs'], plugins: [dependencies] },
  index: 'facade',
  register: { ...single('register'), plugins: [ownBundlesOfCommonJs] },
  // One file, and `.mjs` so Node need not look up a package.json for its format: with
  // profiling off this is all `--import @linecount/profiler/register` loads (bench/startup.mjs).
  registerModule: { ...single('registerModule'), external: ['./profiler.cjs', './join.cjs'] },
  profiler: { ...withImportMetaUrl, ...single('profiler'), external: PROFILER_EXTERNAL },
  join: {
    ...withImportMetaUrl,
    ...single('join'),
    external: PROFILER_EXTERNAL,
    plugins: [joinMoreLazily],
    define: { 'import.meta.url': '__filename' },
    banner: { js: `// lib/${entry('join').lib} (scripts/bundle.mjs)` },
  },
  joinMore: { ...withImportMetaUrl, stdin: joinMoreEntry, outfile: lib(entry('joinMore').lib), external: PROFILER_EXTERNAL },
  transform: { ...withImportMetaUrl, stdin: transformEntry, outfile: lib(entry('transform').lib), external: ['esbuild'], plugins: [parserFromParseBundle] },
  parse: { stdin: parseEntry, outfile: lib(entry('parse').lib) },
  setupPreload: 'split',
  esmHooks: 'split',
  viteWrapper: 'split',
  vitestHooks: 'split',
  vite: 'split',
  rollup: 'split',
  webpack: 'split',
  esbuild: 'split',
  babel: 'split',
  bundleRuntime: { ...browserSafe, ...single('bundleRuntime') },
  runtime: { ...browserSafe, ...single('runtime') },
  // CommonJS has no import.meta: the profiler is found from the file itself.
  runtimeCjs: { ...browserSafe, ...single('runtimeCjs'), define: { 'import.meta.url': '__filename' } },
  // `browser`: the page script runs in the report's page, nowhere else.
  htmlPageScript: { platform: 'browser', target: 'es2022', ...single('htmlPageScript') },
};

/** The names of the bundles whose recipe is `kind`. */
const named = (kind) => Object.keys(RECIPES).filter((name) => RECIPES[name] === kind);

const unmatched = [...Object.keys(BUNDLES).filter((name) => !(name in RECIPES)), ...Object.keys(RECIPES).filter((name) => !(name in BUNDLES))];
if (unmatched.length > 0) throw new Error(`scripts/bundle.mjs: bundles with no recipe or recipes with no bundle (src/entries.ts): ${unmatched.join(', ')}`);

/**
 * lib/index.js: the package's API for ES modules, from lib/cli.cjs, each export by name
 * (those of tsc's module of the same source): `export *` would add Node's `module.exports`
 * export of CommonJS modules (Node ≥ 23) to the API.
 */
async function writeFacade(name) {
  const file = lib(entry(name).lib);
  const cli = path.relative(path.dirname(file), lib(entry('cli').lib));
  const names = Object.keys(await import(dist(source(name))));
  writeFileSync(file, `export { ${names.join(', ')} } from './${cli}';\n`);
}

/**
 * Fails the build if a bundle outside the root of lib/ inlines lib-dir.js: its paths
 * would be resolved from the wrong directory (see src/lib-dir.ts).
 */
function checkLibDir() {
  const nested = readdirSync(lib(''), { recursive: true }).filter((file) => file.includes(path.sep) && /\.[cm]?js$/.test(file));
  const wrong = nested.filter((file) => /\bLIB_DIR\d*\b/.test(readFileSync(lib(file), 'utf8')));
  if (wrong.length > 0) throw new Error(`scripts/bundle.mjs: lib-dir.js inlined outside the root of lib/: ${wrong.join(', ')}`);
}

rmSync(lib(''), { recursive: true, force: true });
await Promise.all([
  ...Object.entries(RECIPES)
    .filter(([, recipe]) => typeof recipe === 'object')
    .map(([name, recipe]) => build({ ...common, format: entry(name).format, ...recipe, plugins: [entriesAtRunTime, ...(recipe.plugins ?? [])] })),
  build({
    ...common,
    format: 'esm',
    splitting: true,
    entryPoints: named('split').map((name) => ({ in: dist(source(name)), out: entry(name).lib.replace(/\.js$/, '') })),
    outdir: lib(''),
    // At the root of lib/, as lib-dir.js must be (see above).
    chunkNames: 'chunk-[hash]',
    plugins: [entriesAtRunTime, dependencies],
  }),
]);
for (const name of named('facade')) await writeFacade(name);
for (const name of ['join', 'joinMore', 'profiler']) shareBuiltins(lib(entry(name).lib));
checkLibDir();
copyDeclarations(dist(''), lib(''), Object.values(BUNDLES));
// bench/throughput.mjs times tsc's dist/node/hooks/load-transform.js, and html-report.js
// reads the page script: from dist/, they find these bundles beside lib-dir.js, as in lib/.
for (const name of ['transform', 'htmlPageScript']) {
  mkdirSync(path.dirname(dist(entry(name).lib)), { recursive: true });
  copyFileSync(lib(entry(name).lib), dist(entry(name).lib));
}
