/**
 * The bundles of lib/, one table read by scripts/bundle.mjs (which builds each from its
 * source module, and fails when a bundle has no recipe or a recipe no bundle) and by the
 * code that loads them (bundle-paths.ts, typed by bundle name): a source moved or a
 * bundle renamed fails the build or the typecheck, not a run (issue 15). It imports
 * nothing, so that lib/register.mjs takes it in and nothing more.
 * test/ci/entries.e2e.test.ts checks that each source and each built file exists.
 */
export interface BundleEntry {
  /** Its source module, relative to src/; undefined: made by the bundler script (see there). */
  readonly source: string | undefined;
  /** Its file, relative to lib/ (and to dist/ for the two copied there, see scripts/bundle.mjs). */
  readonly lib: string;
  /** Its module format: `iife` is a script for browsers. */
  readonly format: 'cjs' | 'esm' | 'iife';
  /** Its type declarations in lib/, for the package's exports (package.json). */
  readonly types?: string;
}

/** The bundles of lib/ by name (see {@link BundleEntry}). */
export const BUNDLES = {
  cli: { source: 'index.ts', lib: 'cli.cjs', format: 'cjs' },
  index: { source: 'index.ts', lib: 'index.js', format: 'esm', types: 'index.d.ts' },
  register: { source: 'node/register.ts', lib: 'register.cjs', format: 'cjs', types: 'register.d.ts' },
  registerModule: { source: 'node/register.ts', lib: 'register.mjs', format: 'esm', types: 'register.d.ts' },
  profiler: { source: 'node/profiler/index.ts', lib: 'profiler.cjs', format: 'cjs' },
  join: { source: 'node/profiler/join-entry.ts', lib: 'join.cjs', format: 'cjs' },
  joinMore: { source: undefined, lib: 'join-more.cjs', format: 'cjs' },
  transform: { source: 'node/hooks/transform.ts', lib: 'hooks/transform.cjs', format: 'cjs' },
  parse: { source: 'session/syntax.ts', lib: 'parse.cjs', format: 'cjs' },
  setupPreload: { source: 'node/setup-preload.ts', lib: 'setup-preload.js', format: 'esm' },
  esmHooks: { source: 'node/hooks/esm-hooks.ts', lib: 'hooks/esm-hooks.js', format: 'esm' },
  viteWrapper: { source: 'build/vitest/vite-wrapper.ts', lib: 'vitest/vite-wrapper.js', format: 'esm' },
  vitestHooks: { source: 'build/vitest/resolve-hooks.ts', lib: 'vitest/resolve-hooks.js', format: 'esm' },
  vite: { source: 'build/vite.ts', lib: 'plugins/vite.js', format: 'esm', types: 'plugins/vite.d.ts' },
  rollup: { source: 'build/rollup.ts', lib: 'plugins/rollup.js', format: 'esm', types: 'plugins/rollup.d.ts' },
  webpack: { source: 'build/webpack.ts', lib: 'plugins/webpack.js', format: 'esm', types: 'plugins/webpack.d.ts' },
  esbuild: { source: 'build/esbuild.ts', lib: 'plugins/esbuild.js', format: 'esm', types: 'plugins/esbuild.d.ts' },
  babel: { source: 'build/babel.ts', lib: 'plugins/babel.js', format: 'esm', types: 'plugins/babel.d.ts' },
  bundleRuntime: { source: 'browser/bundle-runtime.ts', lib: 'bundle-runtime.mjs', format: 'esm' },
  runtime: { source: 'browser/runtime-entry.ts', lib: 'runtime.mjs', format: 'esm', types: 'plugins/runtime-entry.d.ts' },
  runtimeCjs: { source: 'browser/runtime-entry.ts', lib: 'runtime.cjs', format: 'cjs', types: 'plugins/runtime-entry.d.ts' },
  htmlPageScript: { source: 'report/html-client.ts', lib: 'html-page-script.js', format: 'iife' },
} as const satisfies Record<string, BundleEntry>;

/** The name of a bundle of lib/. */
export type BundleName = keyof typeof BUNDLES;
