import { declare } from '@babel/helper-plugin-utils';
import type { PluginObj, PluginPass } from '@babel/core';
import type { SourceMapInput } from '@jridgewell/trace-mapping';
import { instrumentProgram, type ProgramOptions } from './program.js';

/** Options of the Babel plugin: those of {@link instrumentProgram} that a configuration sets. */
export type LinecountBabelOptions = Pick<ProgramOptions, 'all' | 'awaitTime' | 'sample' | 'switchable' | 'runtimeImport' | 'embedSource'>;

function inputMapOf(state: PluginPass): SourceMapInput | null {
  const inputMap = (state.file as unknown as { inputMap?: { toObject?(): SourceMapInput } | null }).inputMap;
  return inputMap?.toObject?.() ?? null;
}

/**
 * `@linecount/profiler/babel`: the instrumenter as a plain Babel plugin (babel-loader, Jest, Metro).
 * The profiled functions are left in `file.metadata.linecount`. A thin adapter over
 * `instrumentProgram`, like babel-plugin-istanbul over istanbul-lib-instrument.
 */
const linecountBabelPlugin = declare((api, options: LinecountBabelOptions): PluginObj => {
  api.assertVersion(7);
  return {
    name: 'linecount',
    visitor: {
      Program(program, state) {
        const result = instrumentProgram(program, {
          filename: state.filename ?? 'unknown.js',
          code: state.file.code,
          inputSourceMap: inputMapOf(state),
          all: options.all ?? false,
          awaitTime: options.awaitTime ?? true,
          switchable: options.switchable ?? false,
          embedSource: options.embedSource ?? false,
          ...(options.runtimeImport ? { runtimeImport: options.runtimeImport } : {}),
          ...(options.sample !== undefined ? { sample: options.sample } : {}),
        });
        (state.file.metadata as unknown as Record<string, unknown>).linecount = result;
      },
    },
  };
});

export default linecountBabelPlugin;
