/**
 * `@linecount/profiler/esbuild`: the linecount plugin for esbuild (SPEC §8), e.g. in `build({ plugins: [linecount()] })`.
 * @see ./unplugin.ts for the options.
 */
import { linecountUnplugin } from './unplugin.js';

export type { LinecountPluginOptions } from './unplugin.js';

export default linecountUnplugin.esbuild;
