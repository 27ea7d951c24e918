import path from 'node:path';
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { SourceMapInput } from '@jridgewell/trace-mapping';
import { generate, traverse } from './interop.js';
import { parseSource } from './parse.js';
import { instrumentProgram, type InstrumentedFunction, type ProgramResult } from './program.js';

export type { InstrumentedFunction } from './program.js';

/** Options of {@link instrument}. */
export interface InstrumentOptions {
  /** Path of the file; picks the parser (TS, JSX) and is recorded in the results. */
  filename: string;
  /** Source map of `code` to its original sources; reported lines and file follow it. */
  inputSourceMap?: SourceMapInput | null;
  /** Profile every function, not only `// @profile` ones. @default false */
  all?: boolean;
  /** Also profile the module's top-level code, reported as `<module>` at line 1 (SPEC §2). @default false */
  topLevel?: boolean;
  /** Charge the time suspended at `await` to the await line (SPEC §3). @default true */
  awaitTime?: boolean;
  /** Profiled functions run their original code unless the runtime is installed (build plugins, SPEC §3). @default false */
  switchable?: boolean;
  /** A module imported (required, in CommonJS) first, to start the runtime. */
  runtimeImport?: string;
  /** Carry the profiled functions' source lines in the results (for browsers). @default false */
  embedSource?: boolean;
  /**
   * Compose the returned map with `inputSourceMap`. Off, the map is of this step only
   * (Rollup's contract for plugins); reported lines follow `inputSourceMap` either way.
   * @default true
   */
  composeInputMap?: boolean;
}

/** Result of {@link instrument}; nothing is kept between calls. */
export interface InstrumentResult {
  code: string;
  /** Source map of this step (composed with `inputSourceMap` unless `composeInputMap` is false); null when nothing changed. */
  map: ReturnType<typeof generate>['map'];
  /** Original source file the results refer to. */
  file: string;
  functions: InstrumentedFunction[];
}

/**
 * Instruments the `// @profile` functions of `code` (every function with `all`) with the
 * line probes of SPEC §3. Returns the code unchanged when nothing is marked or when it
 * is already instrumented. Throws `InstrumentError` on a syntax error.
 */
export function instrument(code: string, options: InstrumentOptions): InstrumentResult {
  const ast = parseSource(code, options.filename);
  let result: ProgramResult | undefined;
  traverse(ast, {
    // Crawling the scopes costs a sixth of a cold instrumentation (issue #4); only the
    // CommonJS test of `runtimeImport` reads them.
    noScope: !options.runtimeImport,
    Program(program: NodePath<t.Program>) {
      result = instrumentProgram(program, { ...options, code });
      program.stop();
    },
  });
  const { file, functions } = result!;
  if (functions.length === 0) return { code, map: null, file, functions };
  const output = generate(
    ast,
    {
      retainLines: true,
      sourceMaps: true,
      sourceFileName: path.basename(options.filename),
      inputSourceMap: options.composeInputMap === false ? undefined : (options.inputSourceMap ?? undefined),
    } as Parameters<typeof generate>[1],
    code,
  );
  return { code: output.code, map: output.map, file, functions };
}
