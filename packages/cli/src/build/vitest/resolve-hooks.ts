/**
 * The Vitest hook's resolve hook for `module.register` (Node < 22.15, where there is no
 * `module.registerHooks`): runs in Node's loader thread; see vite-redirect.ts.
 */
import type { ResolveHook } from 'node:module';
import { redirectVite, wrapperUrl } from './vite-redirect.js';

/** What node/profiler/vitest-hook.ts passes in `module.register(…, { data })`. */
export interface VitestHooksData {
  /** `file:` URL of Vitest's package directory, with a trailing slash. */
  vitestDirUrl: string;
}

let vitestDirUrl = '';

/** Receives {@link VitestHooksData}. */
export function initialize(data: VitestHooksData): void {
  vitestDirUrl = data.vitestDirUrl;
}

/** Sends Vitest's `vite` to the wrapper, and the wrapper's import to the real `vite`. */
export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const redirect = redirectVite(specifier, context.parentURL, vitestDirUrl);
  if (redirect === undefined) return nextResolve(specifier, context);
  if (redirect !== 'wrap') return { url: redirect, format: 'module', shortCircuit: true };
  const real = await nextResolve(specifier, context);
  return { url: wrapperUrl(real.url), format: 'module', shortCircuit: true };
};
