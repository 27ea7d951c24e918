import { declare } from '@babel/helper-plugin-utils';
import type { PluginObj, PluginPass } from '@babel/core';
import type { SourceMapInput } from '@jridgewell/trace-mapping';
import { instrumentProgram } from './program.js';

/** Options of the Babel plugin (`linecount/babel`). */
export interface LinecountBabelOptions {
  /** Profile every function of the file, not only `// @profile` ones. @default false */
  all?: boolean;
  /** Charge the time suspended at `await` to the await line (SPEC §3). @default true */
  awaitTime?: boolean;
  /** Profiled functions run their original code unless the runtime is installed (SPEC §3). @default false */
  switchable?: boolean;
  /** A module imported (required, in CommonJS) first, to start the runtime. */
  runtimeImport?: string;
  /** Carry the profiled functions' source lines in the results. @default false */
  embedSource?: boolean;
}

function inputMapOf(state: PluginPass): SourceMapInput | null {
  const inputMap = (state.file as unknown as { inputMap?: { toObject?(): SourceMapInput } | null }).inputMap;
  return inputMap?.toObject?.() ?? null;
}

/**
 * `linecount/babel`: the instrumenter as a plain Babel plugin (babel-loader, Jest, Metro).
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
        });
        (state.file.metadata as unknown as Record<string, unknown>).linecount = result;
      },
    },
  };
});

export default linecountBabelPlugin;
