/**
 * `@linecount/profiler/webpack`: the linecount plugin for webpack (SPEC §8), e.g. in webpack.config.js: `plugins: [linecount()]`.
 * @see ./unplugin.ts for the options.
 */
import { linecountUnplugin } from './unplugin.js';

export type { LinecountPluginOptions } from './unplugin.js';

export default linecountUnplugin.webpack;
