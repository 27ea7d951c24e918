/**
 * Which `import` the Vitest hook redirects (node/profiler/vitest-hook.ts), shared by the
 * in-thread (`module.registerHooks`) and the off-thread (`module.register`) resolve hooks.
 * Only the bare `vite` imported by Vitest's own files goes to the wrapper; the wrapper's
 * import of the real `vite` comes back here with the real URL in the wrapper's query.
 */
import { bundleUrl } from '../../bundle-paths.js';

/** What the wrapper imports for the real `vite` (vite-wrapper.ts). */
export const REAL_VITE_SPECIFIER = 'linecount:real-vite';

/** Query parameter of the wrapper's URL that holds the real `vite`'s URL. */
const REAL_URL_PARAM = 'vite';

/**
 * What one import resolves to: `'wrap'` for Vitest's `vite` (the caller resolves the real
 * one and passes it to {@link wrapperUrl}), a URL for the wrapper's own import of the real
 * one, undefined for everything else (resolved as usual).
 * @param vitestDirUrl `file:` URL of Vitest's package directory, with a trailing slash.
 */
export function redirectVite(specifier: string, parentURL: string | undefined, vitestDirUrl: string): 'wrap' | string | undefined {
  if (!parentURL) return undefined;
  if (specifier === 'vite' && parentURL.startsWith(vitestDirUrl)) return 'wrap';
  if (specifier !== REAL_VITE_SPECIFIER || !parentURL.startsWith(`${bundleUrl('viteWrapper')}?`)) return undefined;
  return new URL(parentURL).searchParams.get(REAL_URL_PARAM) ?? undefined;
}

/** The wrapper's URL for one real `vite` (one wrapper module per copy of Vite). */
export function wrapperUrl(realViteUrl: string): string {
  const url = new URL(bundleUrl('viteWrapper'));
  url.searchParams.set(REAL_URL_PARAM, realViteUrl);
  return url.href;
}
