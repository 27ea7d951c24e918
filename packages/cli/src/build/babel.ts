/**
 * `@linecount/profiler/babel`: the instrumenter as a plain Babel plugin, for babel-loader, Jest or
 * Metro set-ups (SPEC §8): `plugins: [['@linecount/profiler/babel', { all: false }]]`. Its output
 * is that of the bundler plugins: each instrumented file imports `@linecount/profiler/runtime`
 * first, and profiled functions run their original code unless profiling is on
 * (`LINE_PROFILE=1`, SPEC §7) when the file loads.
 */
import type { PluginObj } from '@babel/core';
import instrumenterPlugin, { type LinecountBabelOptions } from '@linecount/instrumenter/babel';
import { RUNTIME_PACKAGE_ID } from '../session/constants.js';
import { createSettings, type Config } from '../session/create-settings.js';
import { instrumentOptions } from '../session/settings.js';

/**
 * Options of `@linecount/profiler/babel`: the settings `awaitTime` and `sample` as a
 * configuration writes them (SPEC §3, `--sample`: K or `true` for the default K; absent
 * or `false`: exact mode), and the instrumenter's `all`, `embedSource` and
 * `runtimeImport` (default `@linecount/profiler/runtime`).
 */
export type LinecountBabelPluginOptions = Pick<Config, 'awaitTime' | 'sample'> & Pick<LinecountBabelOptions, 'all' | 'embedSource' | 'runtimeImport'>;

type BabelApi = Parameters<typeof instrumenterPlugin>[0];

/**
 * The Babel plugin: `@linecount/instrumenter/babel` with the defaults of built code.
 * @param api Babel's plugin API.
 * @param [options={}] See {@link LinecountBabelPluginOptions}.
 * @param dirname Babel's `dirname` argument.
 */
export default function linecountBabel(api: BabelApi, options: LinecountBabelPluginOptions = {}, dirname: string): PluginObj {
  const { awaitTime, sample, ...rest } = options;
  const settings = instrumentOptions(createSettings({ config: { awaitTime, sample } }));
  const instrumenterOptions: LinecountBabelOptions = { runtimeImport: RUNTIME_PACKAGE_ID, ...rest, ...settings, switchable: true };
  return instrumenterPlugin(api, instrumenterOptions, dirname);
}
