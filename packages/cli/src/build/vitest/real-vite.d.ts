/** The real `vite`, as the wrapper imports it (vite-redirect.ts resolves it). */
declare module 'linecount:real-vite' {
  /** Vite's `createServer(inlineConfig)`. */
  export function createServer(inlineConfig?: unknown): Promise<unknown>;
}
