import Module from 'node:module';
import { register as registerTsxCjs } from 'tsx/cjs/api';
import { installCjsHook } from '../hooks/cjs-hook.js';
import { createSyncLoad, type LoadHookSync } from '../hooks/sync-hooks.js';
import type { TransformOptions } from '../hooks/transform.js';
import { ESM_HOOKS_URL } from '../paths.js';
import type { Session } from '../session.js';
import { installOriginalStacks } from './original-stacks.js';
import { registerTsxEsmLoader } from './tsx-loader.js';

/**
 * Installs tsx, then the instrumenting hooks, synchronously (a `--require` preload
 * cannot await): tsx first, so that ours run first and tsx compiles what we leave alone.
 * `module.registerHooks` where Node has it (≥ 22.15), else `module.register`; and a
 * `Module._extensions` hook for `require`, because tsx's require hook reads files
 * itself, past the load hooks. Instrumenting twice is a no-op.
 * @param session What to instrument, and how: the session's transform settings.
 */
export function installHooks(session: Session): void {
  const options: TransformOptions = {
    awaitTime: session.awaitTime,
    profMod: session.profMod,
    cacheDir: session.cacheDir,
    setup: session.setup,
  };
  registerTsxEsmLoader();
  registerTsxCjs();
  const { registerHooks } = Module as { registerHooks?: (hooks: { load: LoadHookSync }) => unknown };
  if (typeof registerHooks === 'function') registerHooks({ load: createSyncLoad(options) });
  else Module.register(ESM_HOOKS_URL, { data: options });
  installCjsHook(options);
  installOriginalStacks(options);
}
