import path from 'node:path';
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { LEAST_UPPER_BOUND, TraceMap, originalPositionFor, type SourceMapInput } from '@jridgewell/trace-mapping';
import type { FunctionTable } from '@linecount/runtime';
import { IDENTIFIER_PREFIX, INSTRUMENTED_MARKER } from './constants.js';
import { instrumentFunction, type FileState } from './instrument-function.js';
import { generate, traverse } from './interop.js';
import { parseSource } from './parse.js';
import { createProbeKit } from './probes.js';
import { describeFunction, isMarked } from './select.js';

/** Options of {@link instrument}. */
export interface InstrumentOptions {
  /** Path of the file; picks the parser (TS, JSX) and is recorded in the results. */
  filename: string;
  /** Source map of `code` to its original sources; reported lines and file follow it. */
  inputSourceMap?: SourceMapInput | null;
  /** Profile every function, not only `// @profile` ones. @default false */
  all?: boolean;
  /** Charge the time suspended at `await` to the await line (SPEC §3). @default true */
  awaitTime?: boolean;
}

/** A profiled function as the results will report it. */
export interface InstrumentedFunction {
  name: string;
  /** First line of the listing, in the original source. */
  line: number;
  endLine: number;
  /** Original lines that carry probes. */
  lines: number[];
}

/** Result of {@link instrument}; nothing is kept between calls. */
export interface InstrumentResult {
  code: string;
  /** Source map of this step, composed with `inputSourceMap`; null when nothing changed. */
  map: ReturnType<typeof generate>['map'];
  /** Original source file the results refer to. */
  file: string;
  functions: InstrumentedFunction[];
}

/** An identifier prefix the source does not use anywhere, so user code cannot shadow ours. */
function choosePrefix(code: string): string {
  let prefix = `${IDENTIFIER_PREFIX}_`;
  for (let n = 1; code.includes(prefix); n++) prefix = `${IDENTIFIER_PREFIX}${n}_`;
  return prefix;
}

interface LineMapper {
  file: string;
  mapLine(line: number): number;
}

function createLineMapper(filename: string, inputSourceMap: SourceMapInput | null | undefined): LineMapper {
  const absolute = path.resolve(filename);
  if (!inputSourceMap) return { file: absolute, mapLine: (line) => line };
  const map = new TraceMap(inputSourceMap, absolute);
  const source = map.resolvedSources.find((s): s is string => typeof s === 'string');
  const file = source ? (source.startsWith('file://') ? new URL(source).pathname : path.resolve(source)) : absolute;
  return {
    file,
    mapLine(line) {
      const position = originalPositionFor(map, { line, column: 0, bias: LEAST_UPPER_BOUND });
      return position.line ?? line;
    },
  };
}

function isInstrumented(ast: t.File): boolean {
  return ast.program.body[0]?.leadingComments?.some((c) => c.value.trim() === INSTRUMENTED_MARKER) ?? false;
}

/**
 * Instruments the `// @profile` functions of `code` (every function with `all`) with the
 * line probes of SPEC §3. Returns the code unchanged when nothing is marked or when it
 * is already instrumented. Throws `InstrumentError` on a syntax error.
 */
export function instrument(code: string, options: InstrumentOptions): InstrumentResult {
  const { filename, all = false, awaitTime = true } = options;
  const ast = parseSource(code, filename);
  const mapper = createLineMapper(filename, options.inputSourceMap);
  if (isInstrumented(ast)) return { code, map: null, file: mapper.file, functions: [] };
  const prefix = choosePrefix(code);
  const file: FileState = {
    kit: createProbeKit(prefix),
    prefix,
    mapLine: mapper.mapLine,
    awaitTime,
    nextSlot: 1,
    nextLabel: 0,
    generated: new WeakSet(),
  };
  const functions: InstrumentedFunction[] = [];
  traverse(ast, {
    Function(fnPath: NodePath<t.Function>) {
      if (!isMarked(fnPath, all)) return;
      const info = describeFunction(fnPath);
      const { slotLines } = instrumentFunction(fnPath, file, functions.length);
      functions.push({ ...info, line: mapper.mapLine(info.line), endLine: mapper.mapLine(info.endLine), lines: slotLines });
    },
  });
  if (functions.length === 0) return { code, map: null, file: mapper.file, functions };
  const table = functions.map((fn): FunctionTable => [fn.name, fn.line, fn.endLine, fn.lines]);
  ast.program.body.unshift(...file.kit.preamble({ file: mapper.file, functions: table }));
  const output = generate(
    ast,
    {
      retainLines: true,
      sourceMaps: true,
      sourceFileName: path.basename(filename),
      inputSourceMap: options.inputSourceMap ?? undefined,
    } as Parameters<typeof generate>[1],
    code,
  );
  return { code: output.code, map: output.map, file: mapper.file, functions };
}
