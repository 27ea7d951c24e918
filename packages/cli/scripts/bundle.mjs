/**
 * Bundles what profiled processes load into CommonJS files, after `tsc -b`:
 *  - dist/hooks/transform.cjs: the instrumenting transform (instrumenter + Babel). Loading
 *    one file is ~2x faster than Babel's hundreds of modules, and CommonJS can be
 *    required synchronously from the `require` hook on Node 20, only when a file needs it.
 *  - dist/profiler.cjs: the profiler that `linecount/register` starts (runtime, hooks,
 *    parts, reports), so that the `--require` entry can load it synchronously on Node 20,
 *    where `require()` of ES modules is not available everywhere; dist/join.cjs: the part
 *    of it that a process of a session needs (no owner, no reports), what every process
 *    under `linecount` loads.
 *    The parser (dist/parse.cjs: syntax checks, `--prof-imports`), get-tsconfig and tsx are loaded
 *    apart, when a file needs them: a process that profiles nothing loads little.
 *  - dist/register.cjs: `linecount/register` for `--require` and NODE_OPTIONS, and
 *    dist/register.mjs for `--import`: single files, cheap to load when profiling is off.
 *  - dist/cli.cjs: the `linecount` command (bin/linecount.js, CommonJS), one file: loading
 *    the command's ES modules one by one, with Node's ES module facades of the builtins
 *    they import, took about 30 ms before the program could start (issue #12).
 *  - dist/bundle-runtime.mjs: the runtime entry of code built with the bundler plugins,
 *    one ES module that bundlers take into browser builds too (no Node module in it), and
 *    dist/runtime.mjs / dist/runtime.cjs: `linecount/runtime`, which starts it, for the
 *    Babel plugin's output.
 * `import.meta.url` becomes the bundle's own URL; the bundles sit where the modules they
 * inline locate files from (dist/paths.js at the root of dist/).
 */
import { build } from 'esbuild';

const dist = (file) => new URL(`../dist/${file}`, import.meta.url).pathname;

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
};

const withImportMetaUrl = {
  define: { 'import.meta.url': '__linecount_import_meta_url' },
  banner: { js: 'const __linecount_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
};

await Promise.all([
  build({ ...common, ...withImportMetaUrl, entryPoints: [dist('hooks/transform.js')], outfile: dist('hooks/transform.cjs'), external: ['esbuild'] }),
  ...[
    ['profiler/index.js', 'profiler.cjs'],
    ['profiler/join-entry.js', 'join.cjs'],
  ].map(([entry, outfile]) =>
    build({
      ...common,
      ...withImportMetaUrl,
      entryPoints: [dist(entry)],
      outfile: dist(outfile),
      external: ['esbuild', 'tsx', 'tsx/*', 'get-tsconfig', './parse.cjs'],
    }),
  ),
  build({ ...common, entryPoints: [dist('syntax.js')], outfile: dist('parse.cjs') }),
  build({
    ...common,
    ...withImportMetaUrl,
    entryPoints: [dist('main.js')],
    outfile: dist('cli.cjs'),
    external: ['esbuild', 'tsx', 'tsx/*', 'get-tsconfig', './parse.cjs', './profiler.cjs', './join.cjs'],
  }),
  build({
    ...common,
    ...withImportMetaUrl,
    entryPoints: [dist('register.js')],
    outfile: dist('register.cjs'),
    external: ['./profiler.cjs', './join.cjs'],
  }),
  // One file, and `.mjs` so Node need not look up a package.json for its format: with
  // profiling off this is all `--import linecount/register` loads (bench/startup.mjs).
  build({ ...common, format: 'esm', entryPoints: [dist('register.js')], outfile: dist('register.mjs'), external: ['./profiler.cjs', './join.cjs'] }),
  ...[
    ['plugins/bundle-runtime.js', 'bundle-runtime.mjs', 'esm'],
    ['plugins/runtime-entry.js', 'runtime.mjs', 'esm'],
    // CommonJS has no import.meta: the profiler is found from the file itself.
    ['plugins/runtime-entry.js', 'runtime.cjs', 'cjs', { 'import.meta.url': '__filename' }],
  ].map(([entry, outfile, format, define]) =>
    // `neutral`: a Node module imported by mistake fails the build instead of breaking browsers.
    build({ ...common, platform: 'neutral', format, target: 'es2022', entryPoints: [dist(entry)], outfile: dist(outfile), define }),
  ),
]);
