/**
 * `@linecount/profiler/vite`: the linecount plugin for Vite (SPEC §8), e.g. in vite.config.ts:
 * `plugins: [linecount()]`. The unplugin core instruments; Vite's own hooks add:
 *  - under `vite dev`, pages post their results to the dev server when hidden, and the
 *    server prints the report and writes the files of SPEC §7 (dev-server.ts);
 *  - under Vitest, the main process owns a profiling session that the test workers
 *    join, and writes the report after the run (vitest-session.ts).
 * @see ./unplugin.ts for the options.
 */
import { createVitePlugin, type UnpluginOptions } from 'unplugin';
import { DEV_RESULTS_ENDPOINT } from '../session/constants.js';
import type { BrowserProfilingOptions } from '../browser/browser-runtime.js';
import { createResultsMiddleware, type Middleware } from './dev-server.js';
import { createLinecountPlugin, type LinecountPluginOptions } from './unplugin.js';
import { startVitestProfiling } from './vitest-session.js';

export type { LinecountPluginOptions } from './unplugin.js';

/** The Vite hooks used here, typed without Vite's or Vitest's types. */
interface ViteHooks {
  config(config: unknown, env: { command: 'build' | 'serve' }): void;
  configureServer(server: { middlewares: { use(path: string, middleware: Middleware): void } }): void;
  /** Vitest ≥ 3.1 calls it in its main process, once per project that uses the plugin. */
  configureVitest(): void;
}

/**
 * The hooks that make `vite dev` and Vitest collect the results. `browser` is what the
 * runtime module passes to the browser runtime: the dev server's endpoint is added to it
 * when Vite serves (Vitest's server too: its `config` hook runs first), and removed
 * again for Vitest, which runs the code in Node; the runtime module is loaded later.
 */
function createViteHooks(browser: BrowserProfilingOptions): ViteHooks {
  return {
    config(_config, env) {
      if (env.command === 'serve') browser.postUrl = DEV_RESULTS_ENDPOINT;
    },
    configureServer(server) {
      server.middlewares.use(DEV_RESULTS_ENDPOINT, createResultsMiddleware());
    },
    configureVitest() {
      delete browser.postUrl;
      startVitestProfiling();
    },
  };
}

/** The Vite plugin: `linecount(options?)`. */
export default createVitePlugin((options: LinecountPluginOptions | undefined, meta) => {
  const browser: BrowserProfilingOptions = { cwd: process.cwd() };
  const plugin: UnpluginOptions = createLinecountPlugin(options, meta, { browser });
  return { ...plugin, vite: createViteHooks(browser) as UnpluginOptions['vite'] };
});
