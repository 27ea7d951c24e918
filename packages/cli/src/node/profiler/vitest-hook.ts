/**
 * `linecount -- vitest …` and `LINE_PROFILE=1 vitest …` (with `@linecount/profiler/register`
 * preloaded): Vitest runs the code under test through Vite's module runner, which never
 * reaches Node's load hooks, so in Vitest's main process the linecount Vite plugin is
 * added to Vitest's Vite config instead, as if the user had put it in vitest.config.
 *
 * The hook point is Vite's public API, not Vitest's internals: Vitest creates every Vite
 * server (the root's and each project's, with or without a config file) by calling
 * `createServer(inlineConfig)` of the `vite` package it imports. A resolve hook sends the
 * bare `vite` imported by Vitest's own files (and only those) to a wrapper module that
 * re-exports the real `vite` with a `createServer` that adds the plugins to the inline
 * config (build/vitest/vite-wrapper.ts), where Vite merges them with the config file's.
 * Nothing is patched: no minified chunk of Vitest's, no config file, no argument; only
 * Vitest's main process gets the hook (its entry is `vitest/vitest.mjs`, whichever bin
 * or package manager started it). Test workers need nothing more: the instrumented code
 * they run joins the session through its runtime module (browser/bundle-runtime.ts).
 */
import { realpathSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread } from './thread.js';
import type { ResolveHookSync } from '../hooks/sync-hooks.js';
import { bundleUrl } from '../../bundle-paths.js';
import { readSession } from '../../session/session.js';
import { vitestNotProfiled } from '../../build/vitest/plugin-fix.js';
import type { VitestHooksData } from '../../build/vitest/resolve-hooks.js';
import { redirectVite, wrapperUrl } from '../../build/vitest/vite-redirect.js';
import { warn } from '../../session/diagnostics.js';

/** Real path of Vitest's CLI entry, the `bin` of the vitest package. */
const VITEST_ENTRY = /[\\/]vitest[\\/]vitest\.mjs$/;

/** Vitest's package directory if `entry` (the main script) is Vitest's CLI. */
function vitestDirOf(entry: string | undefined): string | undefined {
  if (!entry) return undefined;
  try {
    const real = realpathSync(entry);
    return VITEST_ENTRY.test(real) ? path.dirname(real) : undefined;
  } catch {
    return undefined;
  }
}

/** Installs the resolve hook: in this thread where Node has `module.registerHooks` (≥ 22.15), else in the loader thread. */
function redirectVitestVite(vitestDirUrl: string): void {
  const { registerHooks } = Module as { registerHooks?: (hooks: { resolve: ResolveHookSync }) => unknown };
  if (typeof registerHooks !== 'function') {
    Module.register<VitestHooksData>(bundleUrl('vitestHooks'), { data: { vitestDirUrl } });
    return;
  }
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const redirect = redirectVite(specifier, context.parentURL, vitestDirUrl);
      if (redirect === undefined) return nextResolve(specifier, context);
      if (redirect !== 'wrap') return { url: redirect, format: 'module', shortCircuit: true };
      return { url: wrapperUrl(nextResolve(specifier, context).url), format: 'module', shortCircuit: true };
    },
  });
}

/**
 * In Vitest's main process, in a session that instruments: makes Vitest's Vite servers
 * use the linecount plugin (see the file's comment). Anywhere else it does nothing. A
 * failure is a warning that names the config line to add instead (SPEC §9).
 */
export function addPluginToVitest(): void {
  if (!isMainThread) return;
  const vitestDir = vitestDirOf(process.argv[1]);
  if (vitestDir === undefined) return;
  const session = readSession();
  if (!session?.hooks) return;
  try {
    redirectVitestVite(pathToFileURL(`${vitestDir}${path.sep}`).href);
  } catch (error) {
    warn(vitestNotProfiled(error, session));
  }
}
