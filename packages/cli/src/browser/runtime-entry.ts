/**
 * `@linecount/profiler/runtime`: imported first by every file the Babel plugin instruments
 * (`@linecount/profiler/babel`), it starts the runtime as the bundler plugins' virtual module does
 * (see bundle-runtime.ts). Bundled as lib/runtime.mjs, and as lib/runtime.cjs with
 * `import.meta.url` defined as `__filename`; both sit next to lib/profiler.cjs.
 */
import { startBundleRuntime } from './bundle-runtime.js';

startBundleRuntime({ profiler: './profiler.cjs', base: import.meta.url });
