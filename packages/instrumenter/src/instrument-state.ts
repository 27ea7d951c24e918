import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { UnmappedStart } from './coverage-hints.js';
import type { OriginalPositions, Position } from './original-positions.js';
import { createProbeKit, type ProbeKit } from './probes.js';
import type { ProgramOptions } from './program.js';
import type { Located } from './select.js';

/** File-wide state shared by the functions of one file. */
export interface FileState {
  readonly kit: ProbeKit;
  readonly prefix: string;
  /** Where the code comes from (through the input source map): reported files, lines and names. */
  readonly positions: OriginalPositions;
  /** Await time charged to the await line (SPEC §3). */
  readonly awaitTime: boolean;
  /** Each profiled function keeps its original body for when profiling is off (SPEC §3). */
  readonly switchable: boolean;
  /** The file imports modules: it may be in an import cycle, where its hoisted functions can run before its body. */
  readonly imports: boolean;
  /** Next free slot of the file; slot 0 is the discard slot. */
  nextSlot: number;
  nextLabel: number;
  /** Generated nodes: await/yield never instrumented again, probe code never walked. */
  readonly generated: WeakSet<t.Node>;
  /** Generated nodes that coverage tools must not see, however they are hinted (see coverage-hints.ts). */
  readonly unmapped: UnmappedStart[];
}

/** One instrumented function's slots: reported line of each slot, in slot order. */
export interface FunctionSlots {
  slotLines: number[];
  /** The instrumented twin declaration, if one was made: the functions in it are still to be walked. */
  twin?: NodePath<t.FunctionDeclaration>;
}

/** Per-function state of the statement walk. */
export interface FunctionState {
  readonly file: FileState;
  readonly index: number;
  readonly slots: Map<number, number>;
  readonly slotLines: number[];
  readonly continueLabels: Map<t.Node, string>;
  /** Original file of the function, where its lines are reported. */
  readonly origin: string;
  /** Reported line of a node's start (`end`: of its end) in {@link origin}. */
  readonly lineOf: (located: Located, end?: boolean) => number;
}

/** What the file's state is made from: the program's options and the sampling rate it uses. */
type FileOptions = Pick<ProgramOptions, 'awaitTime' | 'switchable' | 'coverage' | 'compiledAfter'> & { sample: number | undefined };

/** The state of a file whose identifiers start with `prefix`, before any function is instrumented. */
export function createFileState(program: t.Program, prefix: string, positions: OriginalPositions, options: FileOptions): FileState {
  const { awaitTime = true, switchable = false } = options;
  return {
    kit: createProbeKit(prefix, {
      switchable,
      v8Coverage: options.coverage === 'v8',
      preserveHints: options.coverage === 'istanbul' && options.compiledAfter === true,
      sampled: options.sample !== undefined,
    }),
    prefix,
    positions,
    awaitTime,
    switchable,
    imports: program.body.some((s) => t.isImportDeclaration(s) || t.isExportAllDeclaration(s) || (t.isExportNamedDeclaration(s) && s.source)),
    nextSlot: 1,
    nextLabel: 0,
    generated: new WeakSet(),
    unmapped: [],
  };
}

/**
 * The state of the function (or module body) `node`, numbered `index` in its file. A
 * function the input map says nothing about (a bundler's helper) is reported in the file
 * itself; in a mapped function, a position that the map sends nowhere or into another
 * file (code a bundler inlined) is reported on the function's first line.
 */
export function createFunctionState(file: FileState, index: number, node: t.Node): FunctionState {
  const { positions } = file;
  const start = positions.locate(node.loc!.start);
  const origin = start?.file ?? positions.generated;
  const lineAt = (position: Position): number => {
    if (!start) return position.line;
    const found = positions.locate(position);
    return found?.file === origin ? found.line : start.line;
  };
  return {
    file,
    index,
    slots: new Map(),
    slotLines: [],
    continueLabels: new Map(),
    origin,
    // An end is the column after the last character: where the next token of a minified
    // line starts, and maps. Its last character is the node's own.
    lineOf: (located, end = false) => {
      const loc = located.loc!;
      return lineAt(end ? { line: loc.end.line, column: Math.max(0, loc.end.column - 1) } : loc.start);
    },
  };
}

/** The slot of reported `line` in this function, allocated on first use. */
export function slotFor(state: FunctionState, line: number): number {
  let slot = state.slots.get(line);
  if (slot === undefined) {
    slot = state.file.nextSlot++;
    state.slots.set(line, slot);
    state.slotLines.push(line);
  }
  return slot;
}

/** Records probe code (no user code inside) so that the file's traversal skips it. */
export function markGenerated<T extends t.Node>(file: FileState, node: T): T {
  file.generated.add(node);
  return node;
}
