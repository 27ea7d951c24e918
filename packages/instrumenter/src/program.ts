import type { NodePath, TraverseOptions } from '@babel/traverse';
import * as t from '@babel/types';
import type { SourceMapInput } from '@jridgewell/trace-mapping';
import { GLOBAL_NAME, MODULE_FUNCTION_NAME } from '@linecount/runtime';
import { IGNORE_FILE_PRAGMA, IGNORE_NEXT_TEXT } from './constants.js';
import { addEmptyElse } from './coverage-hints.js';
import { fileTable, type OriginalFunction } from './file-table.js';
import type { Listed } from './function-spans.js';
import { choosePrefix } from './identifier-prefix.js';
import { instrumentFunction } from './instrument-function.js';
import { instrumentModule } from './instrument-module.js';
import { createFileState, createFunctionState, type FileState } from './instrument-state.js';
import { createOriginalPositions } from './original-positions.js';
import { addPreamble } from './preamble.js';
import { isProfilable } from './profilable.js';
import { describeFunction, isMarked, type NameOf } from './select.js';
import { keyFunctions } from './source-keys.js';
import type { SpliceRecord } from './splice.js';
import { snapshotTree, topLevelChanges, type Snapshot, type TopLevelChanges } from './top-level-changes.js';

/** What {@link instrumentProgram} needs besides the AST. */
export interface ProgramOptions {
  /** Path of the file, recorded in the results. */
  filename: string;
  /** The source text, to choose identifiers it does not use. */
  code: string;
  /** Source map of `code` to its original sources; reported files, lines and names follow it. */
  inputSourceMap?: SourceMapInput | null;
  /** Profile every function, not only `// @profile` ones. @default false */
  all?: boolean;
  /**
   * Sampled mode (SPEC §3, `--sample`): exact hits, line times sampled 1 in this many
   * executions after the first hits of each line. Absent: exact mode.
   */
  sample?: number;
  /** Also profile the module's top-level code, reported as `<module>` at line 1 (SPEC §2). @default false */
  topLevel?: boolean;
  /** Charge the time suspended at `await` to the await line (SPEC §3). @default true */
  awaitTime?: boolean;
  /**
   * Build plugins: profiled functions run their original code unless the runtime was
   * installed when the file loaded, at the cost of one flag check per call (SPEC §3).
   * @default false
   */
  switchable?: boolean;
  /** A module imported (or, in a CommonJS file, required) first, to start the runtime. */
  runtimeImport?: string;
  /**
   * Keep the probe code out of coverage reports made from the printed code and its
   * source map (nyc, c8): locations only Babel's generator understands, so only for a
   * program printed right after instrumenting (see coverage-hints.ts). @default false
   */
  unmapGenerated?: boolean;
  /**
   * The coverage tool that reads the output, if any (see coverage-hints.ts). `istanbul`
   * (nyc instruments it): every `if` without `else` of the file gets an empty one, so
   * that istanbul's implicit else branch has a location to map back (V8 would report
   * the range of that `else` to c8). `v8` (c8): functions that may run before the
   * preamble register without a branch of their own, and `sample` is ignored: sampled
   * probes branch (`if (…) c = S(…)`, `&&`), V8 reports every such range whose count
   * differs from its parent's, and v8-to-istanbul maps a range starting in probe code to
   * the user's code around it, so the file is timed exactly (exact probes do not branch).
   */
  coverage?: 'istanbul' | 'v8' | undefined;
  /**
   * The output is compiled again before it runs (TypeScript, by esbuild as tsx compiles
   * it), or the code is that compiled output already (see `select`): the preamble maps
   * nowhere, as the helpers esbuild puts first do; under nyc, istanbul's hints take the
   * form esbuild keeps, and an `if` gets no empty `else` (istanbul drops its implicit
   * else through tsx's map too). @default false
   */
  compiledAfter?: boolean;
  /**
   * Which functions to profile, by the position of their start in `code`, instead of the
   * pragmas and `all`: the function's name and the first line of its listing (SPEC §5),
   * undefined for a function not profiled. For code compiled before it is instrumented,
   * whose comments are gone (marks and names are read in the original first: see
   * function-spans.ts).
   */
  select?: (start: { line: number; column: number }) => Listed | undefined;
  /**
   * Carry the source lines of the profiled functions in the results, for reports where
   * the file cannot be read: the code's own, or the texts the input map carries. @default false
   */
  embedSource?: boolean;
  /**
   * `instrument()` splices the printed changes into the original text: what changed is
   * recorded here, and the file's leading comments stay where they are (see splice.ts).
   */
  splice?: SpliceRecord;
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
  /** The preamble's statements placed after the original's end (see `unmapGenerated`). */
  tail?: t.Statement[];
}

const REGISTER_CALL = `globalThis.${GLOBAL_NAME}.register(`;

/**
 * Instrumented code calls the runtime's `register` (the marker comment may be gone: most
 * bundlers drop comments), so a file or bundle that does is left alone.
 */
function isInstrumented(code: string): boolean {
  return code.includes(REGISTER_CALL);
}

/** `// linecount-ignore-file` in any comment of the file (SPEC §2). */
function isIgnoredFile(program: NodePath<t.Program>): boolean {
  const comments = t.isFile(program.parent) ? program.parent.comments : undefined;
  return comments?.some((c) => IGNORE_FILE_PRAGMA.test(c.value)) ?? false;
}

/** What the instrumentation of a program collects: the profiled functions, and the code that is printed again. */
interface Collected {
  functions: OriginalFunction[];
  /** Profiled functions and twins (see source-keys.ts). */
  printed: t.Node[];
}

/** Instruments the top-level code as function 0, `<module>`, listed from line 1 to the end. */
function instrumentTopLevel(program: NodePath<t.Program>, file: FileState, functions: OriginalFunction[]): void {
  const last = program.node.body.at(-1);
  const state = createFunctionState(file, functions.length, program.node);
  const endLine = last?.loc ? state.lineOf(last, true) : 1;
  const { slotLines, body } = instrumentModule(program, state);
  program.node.body = body;
  functions.push({ name: MODULE_FUNCTION_NAME, file: state.origin, line: 1, endLine, lines: slotLines });
}

/**
 * Instruments a selected function and records it (`listed`: its name and first line as
 * `select` gave them).
 * @returns Its twin, if it has one: the functions in it are still to be walked.
 */
function instrumentSelected(fnPath: NodePath<t.Function>, listed: Listed | undefined, file: FileState, options: ProgramOptions, collected: Collected): NodePath<t.FunctionDeclaration> | undefined {
  const { functions, printed } = collected;
  const nameOf: NameOf = (id) => (id.loc && file.positions.nameAt(id.loc.start)) ?? id.name;
  const state = createFunctionState(file, functions.length, fnPath.node);
  const info = { ...describeFunction(fnPath, { lineOf: state.lineOf, nameOf }), ...listed };
  const { slotLines, twin } = instrumentFunction(fnPath, state);
  printed.push(fnPath.node, ...(twin ? [twin.node] : []));
  options.splice?.functions.push(fnPath.node);
  if (twin) options.splice?.twins.push({ declaration: twin.node, scope: twin.parent as t.Program | t.BlockStatement });
  // A map may send the end before a line of the body: the listing covers every line.
  const endLine = Math.max(info.line, info.endLine, ...slotLines);
  functions.push({ ...info, file: state.origin, endLine, lines: slotLines });
  return twin;
}

/** The traversal that instruments the selected functions (`select`, else the pragmas and `all`), and the `else`s istanbul needs. */
function createVisitor(file: FileState, options: ProgramOptions, collected: Collected): TraverseOptions {
  const { all = false } = options;
  const mayIgnore = options.code.includes(IGNORE_NEXT_TEXT);
  const visitor: TraverseOptions = {
    // No scopes: nothing here reads them, and each new block (the `try` around a body)
    // crawled its whole subtree, nested functions included (issue #4).
    noScope: true,
    // Probe code has no functions in it: not walking it keeps whole packages fast.
    enter(path) {
      if (file.generated.has(path.node)) path.skip();
    },
    Function(fnPath: NodePath<t.Function>) {
      const listed = options.select && fnPath.node.loc ? options.select(fnPath.node.loc.start) : undefined;
      if ((options.select ? listed === undefined : !isMarked(fnPath, all, mayIgnore)) || !isProfilable(fnPath)) return;
      instrumentSelected(fnPath, listed, file, options, collected)?.traverse(visitor);
    },
    ...(options.coverage === 'istanbul' && !options.compiledAfter
      ? {
          IfStatement(ifPath: NodePath<t.IfStatement>) {
            if (addEmptyElse(ifPath.node)) options.splice?.elses.push(ifPath.node);
          },
        }
      : {}),
  };
  return visitor;
}

/**
 * The original texts of the code that is printed again, by key (see source-keys.ts): the
 * whole program when its top-level code was instrumented and not spliced, else the
 * profiled functions, their twins and the top-level code that changed.
 */
function printedSources(program: NodePath<t.Program>, options: ProgramOptions, prefix: string, printed: t.Node[], snapshot: Snapshot | undefined): { sources: t.ObjectExpression; changes: TopLevelChanges | undefined } {
  const placed = new Set(options.splice?.twins.map((twin) => twin.declaration));
  const changes = snapshot && topLevelChanges(program.node, snapshot, { opaque: new Set(options.splice!.functions), placed }, options.code);
  if (changes) printed.push(...changes.reprints.map((reprint) => reprint.node));
  const sources = t.valueToNode(keyFunctions(options.topLevel && !changes ? [program.node] : printed, options.code, options.filename, prefix)) as t.ObjectExpression;
  return { sources, changes };
}

/**
 * Instruments the marked functions of a program in place and adds the preamble that
 * registers them: the one transform behind `instrument()`, the Babel plugin and the
 * bundler plugins (STYLE.md: thin adapters over one implementation).
 */
export function instrumentProgram(program: NodePath<t.Program>, options: ProgramOptions): ProgramResult {
  const sample = options.coverage === 'v8' ? undefined : options.sample;
  const positions = createOriginalPositions(options.filename, options.code, options.inputSourceMap);
  if (isInstrumented(options.code) || isIgnoredFile(program)) return { file: positions.file, functions: [] };
  const prefix = choosePrefix(options.code, options.filename, program.node.sourceType === 'script');
  const file = createFileState(program.node, prefix, positions, { ...options, sample });
  const collected: Collected = { functions: [], printed: [] };
  const { functions } = collected;
  // Spliced, the top-level code is compared with its copy to find what changed.
  const snapshot = options.topLevel && options.splice ? snapshotTree(program.node) : undefined;
  const [originalFirst] = program.node.body;
  if (options.topLevel) instrumentTopLevel(program, file, functions);
  program.traverse(createVisitor(file, options, collected));
  if (functions.length === 0) return { file: positions.file, functions: [] };
  const table = fileTable(functions, positions, options.embedSource ?? false);
  if (sample !== undefined) table.sample = sample;
  const { sources, changes } = printedSources(program, options, prefix, collected.printed, snapshot);
  const first = snapshot ? originalFirst : program.node.body[0];
  const tail = addPreamble(program, file, options, { table, sources, first, snapshot: snapshot !== undefined, changes });
  return { file: table.file, functions: functions.map(({ name, line, endLine, lines }) => ({ name, line, endLine, lines })), tail };
}
