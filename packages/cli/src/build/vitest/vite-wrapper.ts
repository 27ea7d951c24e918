/**
 * The `vite` that Vitest's own files import in a Vitest process that linecount profiles
 * (node/profiler/vitest-hook.ts): the real `vite`, except that `createServer` adds the
 * linecount plugins to the inline config. Vitest creates every Vite server through it
 * (the root's and each project's), with or without a config file.
 */
import { createServer as createViteServer } from 'linecount:real-vite';
import { withLinecountPlugins, type InlineConfig } from './inline-plugins.js';

export * from 'linecount:real-vite';

/**
 * Vite's `createServer`, with the linecount plugins in the inline config.
 * @param inlineConfig What Vitest passes to Vite.
 */
export function createServer(inlineConfig?: InlineConfig): Promise<unknown> {
  return createViteServer(withLinecountPlugins(inlineConfig));
}
