import type { NodePath, TraverseOptions } from '@babel/traverse';
import * as t from '@babel/types';
import type { SourceMapInput } from '@jridgewell/trace-mapping';
import { GLOBAL_NAME, LINE_TERMINATOR, MODULE_FUNCTION_NAME, type FileTable, type FunctionTable } from '@linecount/runtime';
import { IDENTIFIER_PREFIX, IGNORE_FILE_PRAGMA, IGNORE_NEXT_TEXT } from './constants.js';
import { addEmptyElse, unmapStarts, type SourcePosition } from './coverage-hints.js';
import type { Listed } from './function-spans.js';
import { createFunctionState, instrumentFunction, type FileState } from './instrument-function.js';
import { instrumentModule } from './instrument-module.js';
import { createOriginalPositions, type OriginalPositions } from './original-positions.js';
import { createProbeKit } from './probes.js';
import { isProfilable } from './profilable.js';
import { describeFunction, isMarked, type NameOf } from './select.js';
import { keyFunctions } from './source-keys.js';
import type { SpliceRecord } from './splice.js';
import { snapshotTree, topLevelChanges } from './top-level-changes.js';

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

/** A profiled function and its original file (absolute): the file itself, or a source of its input map. */
interface OriginalFunction extends InstrumentedFunction {
  file: string;
}

/** What {@link instrumentProgram} did: the original file and its profiled functions (none: untouched). */
export interface ProgramResult {
  file: string;
  functions: InstrumentedFunction[];
  /** The preamble's statements placed after the original's end (see `unmapGenerated`). */
  tail?: t.Statement[];
}

/** FNV-1a of `text`, in base 36. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * An identifier prefix the source does not use anywhere, so user code cannot shadow ours.
 * A script's top-level declarations are the realm's: two scripts of a page (or scripts
 * concatenated) would share them, and the second `const E` would not even run (issue 13,
 * cause 6). So a script's prefix carries a hash of its name and text, a module's (own
 * scope) does not.
 */
function choosePrefix(code: string, filename: string, isScript: boolean): string {
  const base = isScript ? `${IDENTIFIER_PREFIX}${hash(`${filename}\n${code}`)}` : IDENTIFIER_PREFIX;
  let prefix = `${base}_`;
  for (let n = 1; code.includes(prefix); n++) prefix = `${base}${n}_`;
  return prefix;
}

const REGISTER_CALL = `globalThis.${GLOBAL_NAME}.register(`;

/**
 * Instrumented code calls the runtime's `register` (the marker comment may be gone: most
 * bundlers drop comments), so a file or bundle that does is left alone.
 */
function isInstrumented(code: string): boolean {
  return code.includes(REGISTER_CALL);
}

/** `import "specifier"`, or `require("specifier")` in a CommonJS file (no import/export, uses require/module/exports). */
function runtimeImportOf(program: NodePath<t.Program>, specifier: string): t.Statement {
  const source = t.stringLiteral(specifier);
  const isModule = program.node.body.some((s) => t.isImportDeclaration(s) || t.isExportDeclaration(s));
  const isCommonJs = !isModule && ['require', 'module', 'exports'].some((name) => program.scope.hasGlobal(name));
  return isCommonJs ? t.expressionStatement(t.callExpression(t.identifier('require'), [source])) : t.importDeclaration([], source);
}

/** The lines of `functions` in `source`, every other line empty: line numbers stay, the rest of the file is not copied. */
function profiledLines(source: string, functions: readonly InstrumentedFunction[]): string {
  const lines = source.split(LINE_TERMINATOR);
  const kept: string[] = new Array<string>(Math.max(0, ...functions.map((fn) => fn.endLine))).fill('');
  for (const fn of functions) for (let line = fn.line; line <= fn.endLine; line++) kept[line - 1] = lines[line - 1] ?? '';
  return kept.join('\n');
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

/** The results' table of the file: functions from other original files than the first name theirs. */
function fileTable(functions: readonly OriginalFunction[], positions: OriginalPositions, embedSource: boolean): FileTable {
  const file = functions[0]!.file;
  const table: FileTable = {
    file,
    functions: functions.map((fn): FunctionTable => (fn.file === file ? [fn.name, fn.line, fn.endLine, fn.lines] : [fn.name, fn.line, fn.endLine, fn.lines, fn.file])),
  };
  if (!embedSource) return table;
  const sources: Record<string, string> = {};
  for (const origin of new Set(functions.map((fn) => fn.file))) {
    const text = positions.sourceOf(origin);
    if (text === undefined) continue;
    const lines = profiledLines(text, functions.filter((fn) => fn.file === origin));
    if (origin === file) table.source = lines;
    else sources[origin] = lines;
  }
  if (Object.keys(sources).length > 0) table.sources = sources;
  return table;
}

/**
 * Applies the unmapped starts of `file` (see coverage-hints.ts) and moves the preamble's
 * function to a line of its own after the file's last, mapped to that line, which the
 * original does not have: V8 reports the function to c8 whatever comments it carries,
 * v8-to-istanbul maps a point that maps nowhere to the start of its line when that
 * start maps somewhere (every line of top-level code), and drops a range that starts
 * after the original's end. The preamble's first statement maps to the file's start,
 * unless the output is compiled again (see `compiledAfter`).
 */
function unmapGenerated(program: NodePath<t.Program>, file: FileState, preamble: readonly t.Statement[], compiledAfter: boolean): t.Statement[] {
  const fileStart: SourcePosition = { line: 1, column: 0, index: 0 };
  if (compiledAfter) file.unmapped.push(...preamble.map((node) => ({ node, end: fileStart })));
  else preamble[0]!.loc = { start: fileStart, end: fileStart, filename: '', identifierName: undefined };
  const end = program.node.loc?.end;
  const afterEnd: SourcePosition = { line: (end?.line ?? 1) + 1, column: 0, index: (end?.index ?? 0) + 1 };
  const functions: t.Statement[] = preamble.filter((statement) => t.isFunctionDeclaration(statement));
  program.node.body = [...program.node.body.filter((statement) => !functions.includes(statement)), ...functions];
  for (const fn of functions) fn.loc = { start: afterEnd, end: afterEnd, filename: '', identifierName: undefined };
  unmapStarts(file.unmapped);
  return functions;
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
  const { all = false, awaitTime = true, switchable = false } = options;
  const sample = options.coverage === 'v8' ? undefined : options.sample;
  const positions = createOriginalPositions(options.filename, options.code, options.inputSourceMap);
  if (isInstrumented(options.code) || isIgnoredFile(program)) return { file: positions.file, functions: [] };
  const prefix = choosePrefix(options.code, options.filename, program.node.sourceType === 'script');
  const file: FileState = {
    kit: createProbeKit(prefix, {
      switchable,
      v8Coverage: options.coverage === 'v8',
      preserveHints: options.coverage === 'istanbul' && options.compiledAfter === true,
      sampled: sample !== undefined,
    }),
    prefix,
    positions,
    awaitTime,
    switchable,
    imports: program.node.body.some((s) => t.isImportDeclaration(s) || t.isExportAllDeclaration(s) || (t.isExportNamedDeclaration(s) && s.source)),
    nextSlot: 1,
    nextLabel: 0,
    generated: new WeakSet(),
    unmapped: [],
  };
  const functions: OriginalFunction[] = [];
  // Profiled functions and twins: the code that is printed again (see source-keys.ts).
  const printed: t.Node[] = [];
  const nameOf: NameOf = (id) => (id.loc && positions.nameAt(id.loc.start)) ?? id.name;
  const mayIgnore = options.code.includes(IGNORE_NEXT_TEXT);
  // Spliced, the top-level code is compared with its copy to find what changed.
  const snapshot = options.topLevel && options.splice ? snapshotTree(program.node) : undefined;
  const [originalFirst] = program.node.body;
  if (options.topLevel) instrumentTopLevel(program, file, functions);
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
      const state = createFunctionState(file, functions.length, fnPath.node);
      const info = { ...describeFunction(fnPath, { lineOf: state.lineOf, nameOf }), ...listed };
      const { slotLines, twin } = instrumentFunction(fnPath, state);
      printed.push(fnPath.node, ...(twin ? [twin.node] : []));
      options.splice?.functions.push(fnPath.node);
      if (twin) options.splice?.twins.push({ declaration: twin.node, scope: twin.parent as t.Program | t.BlockStatement });
      // A map may send the end before a line of the body: the listing covers every line.
      const endLine = Math.max(info.line, info.endLine, ...slotLines);
      functions.push({ ...info, file: state.origin, endLine, lines: slotLines });
      twin?.traverse(visitor);
    },
    ...(options.coverage === 'istanbul' && !options.compiledAfter
      ? {
          IfStatement(ifPath: NodePath<t.IfStatement>) {
            if (addEmptyElse(ifPath.node)) options.splice?.elses.push(ifPath.node);
          },
        }
      : {}),
  };
  program.traverse(visitor);
  if (functions.length === 0) return { file: positions.file, functions: [] };
  const table = fileTable(functions, positions, options.embedSource ?? false);
  if (sample !== undefined) table.sample = sample;
  const placed = new Set(options.splice?.twins.map((twin) => twin.declaration));
  const changes = snapshot && topLevelChanges(program.node, snapshot, { opaque: new Set(options.splice!.functions), placed }, options.code);
  if (changes) printed.push(...changes.reprints.map((reprint) => reprint.node));
  const sources = t.valueToNode(keyFunctions(options.topLevel && !changes ? [program.node] : printed, options.code, options.filename, prefix)) as t.ObjectExpression;
  const added = [...(options.runtimeImport ? [runtimeImportOf(program, options.runtimeImport)] : []), ...file.kit.preamble(table, sources)];
  // The file's leading comments stay first: compilers read pragmas there (`@jsx h`, `@jsxImportSource`).
  const [first] = snapshot ? [originalFirst] : program.node.body;
  if (first?.leadingComments && !options.splice) {
    added[0]!.leadingComments = [...first.leadingComments, ...(added[0]!.leadingComments ?? [])];
    first.leadingComments = null;
  }
  program.node.body.unshift(...added);
  const tail = options.unmapGenerated ? unmapGenerated(program, file, added, options.compiledAfter ?? false) : [];
  if (options.splice) {
    const texts = (sources.properties[1] as t.ObjectProperty).value as t.ArrayExpression;
    const at = first?.loc?.start.index ?? (snapshot ? options.code.length : 0);
    Object.assign(options.splice, { head: added.filter((s) => !tail.includes(s)), tail, at, texts, program: program.node, ...(changes ? { topLevel: changes } : {}) });
  }
  return { file: table.file, functions: functions.map(({ name, line, endLine, lines }) => ({ name, line, endLine, lines })), tail };
}
