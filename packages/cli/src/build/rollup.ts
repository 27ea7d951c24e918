/**
 * `@linecount/profiler/rollup`: the linecount plugin for Rollup (SPEC §8), e.g. in rollup.config.js: `plugins: [linecount(), esbuild()]`.
 * @see ./unplugin.ts for the options.
 */
import { linecountUnplugin } from './unplugin.js';

export type { LinecountPluginOptions } from './unplugin.js';

export default linecountUnplugin.rollup;
