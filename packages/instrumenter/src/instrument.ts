import path from 'node:path';
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { EncodedSourceMap } from '@jridgewell/trace-mapping';
import { indentClosingBraces, indentUnmappedLines, type PrintedCode } from './closing-braces.js';
import { generate, remapping, traverse } from './interop.js';
import { parseSource } from './parse.js';
import { instrumentProgram, type InstrumentedFunction, type ProgramOptions, type ProgramResult } from './program.js';
import { createSpliceRecord, spliceOutput, type SpliceRecord } from './splice.js';

export type { InstrumentedFunction } from './program.js';

/** Options of {@link instrument}: those of {@link instrumentProgram}, which gets the code itself. */
export interface InstrumentOptions extends Omit<ProgramOptions, 'code'> {
  /** Path of the file; picks the parser (TS, JSX) and is recorded in the results. */
  filename: string;
  /**
   * Compose the returned map with `inputSourceMap`. Off, the map is of this step only
   * (Rollup's contract for plugins); reported lines follow `inputSourceMap` either way.
   * @default true
   */
  composeInputMap?: boolean;
  /**
   * Leave the preamble's function out of `code` and return it as `tail`, for a compiler
   * that runs on `code` to append after its output, in the module's scope (a function
   * declaration: hoisted). esbuild ends what it compiles with code of its own (the
   * `0&&(module.exports={…})` of an ES module compiled to CommonJS); V8's range of it
   * then maps, as without us, to the last original position before it, not to our
   * function, which maps nowhere (issue 12, item 4). @default false
   */
  detachTail?: boolean;
}

/** Result of {@link instrument}; nothing is kept between calls. */
export interface InstrumentResult {
  code: string;
  /** Source map of this step (composed with `inputSourceMap` unless `composeInputMap` is false); null when nothing changed. */
  map: ReturnType<typeof generate>['map'];
  /** Original source file the results refer to. */
  file: string;
  functions: InstrumentedFunction[];
  /** With `detachTail`: the preamble's function, printed on one line, to append after the compiled `code`. */
  tail?: string;
}

/**
 * Instruments the `// @profile` functions of `code` (every function with `all`) with the
 * line probes of SPEC §3. Returns the code unchanged when nothing is marked or when it
 * is already instrumented. Throws `InstrumentError` on a syntax error.
 */
export function instrument(code: string, options: InstrumentOptions): InstrumentResult {
  const ast = parseSource(code, options.filename);
  const splice = createSpliceRecord();
  let result: ProgramResult | undefined;
  traverse(ast, {
    // Crawling the scopes costs a sixth of a cold instrumentation (issue #4); only the
    // CommonJS test of `runtimeImport` reads them.
    noScope: !options.runtimeImport,
    Program(program: NodePath<t.Program>) {
      result = instrumentProgram(program, { ...options, code, unmapGenerated: true, splice });
      program.stop();
    },
  });
  const { file, functions } = result!;
  if (functions.length === 0) return { code, map: null, file, functions };
  const tail = options.detachTail ? detachTail(ast.program, splice, result!.tail ?? []) : {};
  const inputMap = options.composeInputMap === false ? undefined : (options.inputSourceMap ?? undefined);
  const output = printSpliced(splice, code, options, inputMap);
  if (options.inputSourceMap || !output.map) return { code: output.code, map: output.map, file, functions, ...tail };
  // Spliced, the printed closing braces are indented already; the original's too only for c8.
  const braces = options.coverage === 'v8' ? indentClosingBraces({ code: output.code, map: output.map as EncodedSourceMap }, code) : (output as PrintedCode);
  const printed = options.coverage === 'v8' && !options.compiledAfter ? indentUnmappedLines(braces) : braces;
  return { code: printed.code, map: printed.map as InstrumentResult['map'], file, functions, ...tail };
}

/** Takes the preamble's `statements` out of what is printed (see `detachTail`) and prints them apart. */
function detachTail(program: t.Program, splice: SpliceRecord, statements: readonly t.Statement[]): { tail?: string } {
  if (statements.length === 0) return {};
  splice.tail = [];
  program.body = program.body.filter((statement) => !statements.includes(statement));
  return { tail: generate(t.program([...statements]), { compact: true, comments: false }).code };
}

/** Printed output and its map. */
interface Printed {
  code: string;
  map: InstrumentResult['map'];
}

/** The original text with the changes spliced in (see splice.ts), its map composed with `inputMap`. */
function printSpliced(record: SpliceRecord, code: string, options: InstrumentOptions, inputMap: InstrumentOptions['inputSourceMap']): Printed {
  // Closing braces are indented for c8 in the printed code only (see closing-braces.ts).
  const output = spliceOutput(record, code, options.filename, !options.inputSourceMap);
  const ours = { version: 3, sources: [path.basename(options.filename)], sourcesContent: [code], names: output.names, mappings: output.mappings };
  const layers = inputMap ? [ours, inputMap] : ours;
  const map = remapping(layers as Parameters<typeof remapping>[0], () => null);
  return { code: output.code, map: { ...map, mappings: map.mappings as string } as InstrumentResult['map'] };
}
