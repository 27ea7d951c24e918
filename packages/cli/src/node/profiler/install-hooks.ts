import Module from 'node:module';
import path from 'node:path';
import { bunApi, installBunPlugin, preloadInBunWorkers } from '../hooks/bun-plugin.js';
import { installCjsHook } from '../hooks/cjs-hook.js';
import { installDenoHooks, isDeno } from '../hooks/deno-hooks.js';
import { moduleFormatOf, wantsJsx } from '../hooks/module-kind.js';
import { installSyncHooks } from '../hooks/sync-hooks.js';
import type { TransformOptions } from '../hooks/transform-inputs.js';
import { REGISTER_MJS_PATH, bundleUrl } from '../../bundle-paths.js';
import type { Session } from '../../session/session.js';
import { installOriginalStacks } from './original-stacks.js';
import { isMainThread } from './thread.js';
import { flushWorkersSync } from './worker-flush.js';

/** Options that make Node load ES modules before or instead of a CommonJS entry. */
const ESM_OPTIONS = /(?:^|\s)--(?:import|loader|experimental-loader|input-type=module)\b/;

/**
 * Whether this process may load ES modules, where `module.register`'s hooks thread (a
 * costly start, issue #12) is the only way to hook them: a worker thread, an ES module
 * entry (`.mjs`/`.mts`, or a package of `"type": "module"`), or ES module preloads.
 * Otherwise the `require` hook starts them when a file it loads has an `import(` (see
 * cjs-hook.ts).
 * A CommonJS program that only `require`s needs no thread.
 */
function mayLoadEsModules(entry: string | undefined): boolean {
  if (!isMainThread) return true;
  if (ESM_OPTIONS.test([...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' '))) return true;
  return entry !== undefined && moduleFormatOf(path.resolve(entry)) === 'module';
}

/**
 * Installs the instrumenting hooks synchronously (a `--require` preload cannot await):
 * a `Module._extensions` hook for `require`, and for `import` `module.registerHooks`
 * where Node has it (≥ 22.15, in-thread), else `module.register` when the process may
 * load ES modules. tsx is loaded by these hooks for the first TypeScript file, and only
 * TypeScript goes through it (issue #12). Under Bun and Deno, their own hooks instead (issue 19).
 * @param session What to instrument, and how: the session's transform settings.
 */
export function installHooks(session: Session): void {
  const { settings, targets, setup } = session;
  const options: TransformOptions = { settings, targets, setup, jsx: wantsJsx(process.argv[1]) };
  // Under Node their modules stay unloaded (lib/join-more.cjs, issue #12).
  const bun = process.versions.bun ? bunApi() : undefined;
  if (bun) {
    preloadInBunWorkers(REGISTER_MJS_PATH, (threadId) => flushWorkersSync(session.partsDir, threadId));
    return installBunPlugin(bun, options);
  }
  if (process.versions.deno && isDeno()) return installDenoHooks(options);
  installOriginalStacks(options);
  if (typeof (Module as { registerHooks?: unknown }).registerHooks === 'function') {
    installCjsHook(options);
    installSyncHooks(options, process.argv[1]);
    return;
  }
  let registered = false;
  const registerEsmHooks = (): void => {
    if (registered) return;
    registered = true;
    Module.register(bundleUrl('esmHooks'), { data: options });
  };
  installCjsHook(options, registerEsmHooks);
  if (mayLoadEsModules(process.argv[1])) registerEsmHooks();
}
