import path from 'node:path';
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { LEAST_UPPER_BOUND, TraceMap, originalPositionFor, type SourceMapInput } from '@jridgewell/trace-mapping';
import type { FunctionTable } from '@linecount/runtime';
import { IDENTIFIER_PREFIX, IGNORE_FILE_PRAGMA, IGNORE_NEXT_TEXT, INSTRUMENTED_MARKER, MODULE_FUNCTION_NAME } from './constants.js';
import { instrumentFunction, type FileState } from './instrument-function.js';
import { instrumentModule } from './instrument-module.js';
import { createProbeKit } from './probes.js';
import { describeFunction, isMarked } from './select.js';

/** What {@link instrumentProgram} needs besides the AST. */
export interface ProgramOptions {
  /** Path of the file, recorded in the results. */
  filename: string;
  /** The source text, to choose identifiers it does not use. */
  code: string;
  inputSourceMap?: SourceMapInput | null;
  all?: boolean;
  /** Also profile the module's top-level code, as `<module>` (SPEC §2). @default false */
  topLevel?: boolean;
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

/** What {@link instrumentProgram} did: the original file and its profiled functions (none: untouched). */
export interface ProgramResult {
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

function isInstrumented(program: t.Program): boolean {
  return program.body[0]?.leadingComments?.some((c) => c.value.trim() === INSTRUMENTED_MARKER) ?? false;
}

/** Instruments the top-level code as function 0, `<module>`, listed from line 1 to the end. */
function instrumentTopLevel(program: NodePath<t.Program>, file: FileState, functions: InstrumentedFunction[]): void {
  const last = program.node.body.at(-1)?.loc?.end.line ?? 1;
  const { slotLines, body } = instrumentModule(program, file, functions.length);
  program.node.body = body;
  const endLine = file.mapLine(last);
  functions.push({ name: MODULE_FUNCTION_NAME, line: 1, endLine, lines: slotLines });
}

/** `// linecount-ignore-file` in any comment of the file (SPEC §2). */
function isIgnoredFile(program: NodePath<t.Program>): boolean {
  const comments = t.isFile(program.parent) ? program.parent.comments : undefined;
  return comments?.some((c) => IGNORE_FILE_PRAGMA.test(c.value)) ?? false;
}

/**
 * Instruments the marked functions of a program in place and adds the preamble that
 * registers them: the one transform behind `instrument()`, the Babel plugin and the
 * bundler plugins (STYLE.md: thin adapters over one implementation).
 */
export function instrumentProgram(program: NodePath<t.Program>, options: ProgramOptions): ProgramResult {
  const { all = false, awaitTime = true } = options;
  const mapper = createLineMapper(options.filename, options.inputSourceMap);
  if (isInstrumented(program.node) || isIgnoredFile(program)) return { file: mapper.file, functions: [] };
  const prefix = choosePrefix(options.code);
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
  const mayIgnore = options.code.includes(IGNORE_NEXT_TEXT);
  if (options.topLevel) instrumentTopLevel(program, file, functions);
  program.traverse({
    // Probe code has no functions in it: not walking it keeps whole packages fast.
    enter(path) {
      if (file.generated.has(path.node)) path.skip();
    },
    Function(fnPath: NodePath<t.Function>) {
      if (!isMarked(fnPath, all, mayIgnore)) return;
      const info = describeFunction(fnPath);
      const { slotLines } = instrumentFunction(fnPath, file, functions.length);
      functions.push({ ...info, line: mapper.mapLine(info.line), endLine: mapper.mapLine(info.endLine), lines: slotLines });
    },
  });
  if (functions.length === 0) return { file: mapper.file, functions };
  const table = functions.map((fn): FunctionTable => [fn.name, fn.line, fn.endLine, fn.lines]);
  program.node.body.unshift(...file.kit.preamble({ file: mapper.file, functions: table }));
  return { file: mapper.file, functions };
}
