import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { SuspendStyle } from '@linecount/runtime/probe-code';
import { findTopLevelSuper, instrumentAroundSuper } from './instrument-constructor.js';
import { lastCharacter, unmappedBranches, type UnmappedStart } from './coverage-hints.js';
import type { OriginalPositions, Position } from './original-positions.js';
import type { ProbeKit } from './probes.js';
import type { Located } from './select.js';
import { firstCodeStatement, instrumentList, type ForAwaitContext, type StatementContext } from './statements.js';
import { keptOutside } from './function-level.js';
import { twinPlacement } from './twin-placement.js';
import { walkOwnCode, type Ancestor, type OwnCodeVisitor } from './walk.js';

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

/** Arrow functions with an expression body get a block with a `return` at the same place. */
function ensureBlockBody(path: NodePath<t.Function>): t.BlockStatement {
  const { node } = path;
  if (t.isBlockStatement(node.body)) return node.body;
  const statement = t.returnStatement(node.body);
  statement.loc = node.body.loc;
  node.body = t.blockStatement([statement]);
  // Where istanbul puts the function's body too (coverage tools map it back, issue 12).
  node.body.loc = statement.loc;
  return node.body;
}

/** The loop that a `continue` (the last of `ancestors`) goes on with. */
function continueTarget(ancestors: readonly Ancestor[], label: string | undefined): t.Node | undefined {
  for (let i = ancestors.length - 2; i >= 0; i--) {
    let { node } = ancestors[i]!;
    if (label === undefined ? t.isLoop(node) : t.isLabeledStatement(node) && node.label.name === label) {
      while (t.isLabeledStatement(node)) node = node.body;
      return node;
    }
  }
  return undefined;
}

/**
 * Turns a `continue` into `break label` of a label around its loop's body, so that it
 * passes the probe at the end of each pass (see statements.ts `instrumentLoop`).
 */
export function relabelContinue(state: FunctionState, node: t.ContinueStatement, ancestors: readonly Ancestor[]): t.BreakStatement | undefined {
  const { file } = state;
  const target = continueTarget(ancestors, node.label?.name);
  if (!target) return undefined;
  let label = state.continueLabels.get(target);
  if (label === undefined) {
    label = `${file.prefix}c${file.nextLabel++}`;
    state.continueLabels.set(target, label);
  }
  const replacement = t.breakStatement(t.identifier(label));
  replacement.loc = node.loc;
  return replacement;
}

/** The statement that holds the last of `ancestors`: Babel's `getStatementParent()`, a statement in a list. */
function holdingStatement(ancestors: readonly Ancestor[]): t.Node | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const { node, inList } = ancestors[i]!;
    if (inList && t.isStatement(node)) return node;
  }
  return undefined;
}

/** Wraps the function's own `await`s and `yield`s in park/resume code and relabels its `continue`s. */
function suspensionVisitor(state: FunctionState, fn: t.Function): OwnCodeVisitor {
  const { file } = state;
  const wrap = (node: t.AwaitExpression | t.YieldExpression, ancestors: readonly Ancestor[], style: Exclude<SuspendStyle, 'none'>): t.Expression => {
    const v = t.identifier(file.kit.names.v);
    const suspension = t.isAwaitExpression(node) ? t.awaitExpression(v) : t.yieldExpression(v, node.delegate);
    file.generated.add(suspension);
    const operand = node.argument ?? t.unaryExpression('void', t.numericLiteral(0));
    const slot = style === 'segmented' ? slotFor(state, state.lineOf(holdingStatement(ancestors) ?? fn)) : 0;
    const wrapped = file.kit.suspend(state.index, slot, style, suspension, operand);
    // Coverage tools map the expression back to the await/yield it replaces (issue 12).
    wrapped.loc = node.loc;
    return wrapped;
  };
  return {
    enter: (node, ancestors) => (t.isContinueStatement(node) ? relabelContinue(state, node, ancestors) : undefined),
    exit(node, ancestors) {
      if (file.generated.has(node)) return undefined;
      if (t.isAwaitExpression(node)) return wrap(node, ancestors, file.awaitTime ? 'charged' : 'segmented');
      if (t.isYieldExpression(node)) return wrap(node, ancestors, 'segmented');
      return undefined;
    },
  };
}

/**
 * Whether `path` may run before the module body (and so the preamble) has: it is, or is
 * inside, a hoisted top-level function declaration of a file that imports, callable from
 * an ES module import cycle before this module evaluates. Nothing else can call a
 * function of a file before its first statement, the preamble, has run; the check it
 * needs is a branch that V8 reports to c8 (issue 12, item 4), so it goes only where
 * it is needed.
 */
function mayRunBeforePreamble(path: NodePath<t.Function>, file: FileState): boolean {
  if (!file.imports) return false;
  const top = path.find((p) => p.parentPath?.isProgram() ?? false);
  const declaration = top?.isExportDeclaration() ? (top.node as t.ExportNamedDeclaration).declaration : top?.node;
  return t.isFunctionDeclaration(declaration);
}

function suspendStyle(node: t.Function, awaitTime: boolean): SuspendStyle {
  if (node.generator) return 'segmented';
  if (node.async) return awaitTime ? 'charged' : 'segmented';
  return 'none';
}

/** Records probe code (no user code inside) so that the file's traversal skips it. */
export function markGenerated<T extends t.Node>(file: FileState, node: T): T {
  file.generated.add(node);
  return node;
}

/** What the statement walk of one function builds its probes with. */
export function statementContext(state: FunctionState, node: Pick<t.Function, 'async'>, style: SuspendStyle): StatementContext {
  const { file, index } = state;
  const awaitStyle = file.awaitTime ? 'charged' : 'segmented';
  const forAwait: ForAwaitContext = {
    parkAfter: (iterable) => file.kit.parkAfter(index, awaitStyle, iterable),
    park: () => file.kit.park(index, awaitStyle),
    resume: (line, ifParked) => file.kit.resume(index, slotFor(state, line), awaitStyle, ifParked),
  };
  return {
    probe: (line) => markGenerated(file, file.kit.probe(index, slotFor(state, line))),
    lineOf: state.lineOf,
    continueLabel: (loop) => state.continueLabels.get(loop),
    unmapStart: (node, end) => file.unmapped.push({ node, end }),
    ...(node.async ? { forAwait } : {}),
    ...(style === 'none' ? {} : { resumeAfterThrow: () => file.kit.resumeAfterThrow(index) }),
  };
}

/**
 * Adds the probes of SPEC §3 to one function: a prologue whose clock read is also the
 * probe of the first statement, a probe per statement line, and a `finally` that closes
 * the last line on every exit.
 */
export function instrumentFunction(path: NodePath<t.Function>, state: FunctionState): FunctionSlots {
  const { file, index } = state;
  const body = ensureBlockBody(path);
  // isProfilable() checked that it is not null.
  const outside = keptOutside(path.node, body)!;
  const twin = file.switchable && outside.size === 0 ? twinPlacement(path) : undefined;
  const isOutside = (s: t.Statement): boolean => t.isFunctionDeclaration(s) && outside.has(s.id?.name ?? '');
  // Copied before any probe goes in; never walked, so the functions in it stay as they are.
  const original = file.switchable ? body.body.filter((s) => !isOutside(s)).map((s) => markGenerated(file, t.cloneNode(s, true))) : [];
  walkOwnCode(body, suspensionVisitor(state, path.node));
  const hoisted = body.body.filter(isOutside);
  const rest = body.body.filter((s) => !isOutside(s));
  const first = firstCodeStatement(rest);
  const firstLine = first?.loc ? state.lineOf(first) : undefined;
  const firstSlot = firstLine === undefined ? 0 : slotFor(state, firstLine);
  const style = suspendStyle(path.node, file.awaitTime);
  const superCall = findTopLevelSuper(path.node, path.parentPath?.parentPath?.node, rest);
  const instrumented = instrumentList(rest, firstLine === undefined ? null : [firstLine], statementContext(state, path.node, style));
  const prologue = file.kit.prologue(index, firstSlot, style).map((s) => markGenerated(file, s));
  if (superCall) {
    const originals = file.switchable ? new Map(rest.map((s, i) => [s, original[i]!])) : undefined;
    body.body = [...hoisted, ...instrumentAroundSuper({ file, index, prologue, instrumented, superCall, ...(originals ? { originals } : {}) })];
    return { slotLines: state.slotLines };
  }
  const epilogue = file.kit.epilogue(index, style);
  const wrapper = t.tryStatement(t.blockStatement(instrumented), null, markGenerated(file, t.blockStatement(epilogue)));
  const probed = [...prologue, wrapper];
  const end = lastCharacter((body.loc ?? path.node.loc!).end);
  file.unmapped.push({ node: wrapper, end }, ...unmappedBranches(epilogue));
  const early = mayRunBeforePreamble(path, file);
  if (twin) {
    const name = t.identifier(`${file.prefix}twin${index}`);
    const params = path.node.params.map((param) => t.identifier((param as t.Identifier).name));
    const directives = body.directives.map((directive) => t.cloneNode(directive));
    if (twin.strict) directives.unshift(t.directive(t.directiveLiteral('use strict')));
    const declaration = t.functionDeclaration(name, params, t.blockStatement(probed, directives));
    const args = params.map((p) => t.cloneNode(p));
    const call = twin.usesThis
      ? t.callExpression(t.memberExpression(t.cloneNode(name), t.identifier('call')), [t.thisExpression(), ...args])
      : t.callExpression(t.cloneNode(name), args);
    body.body = [file.kit.forward(early, call), ...original];
    // At the end of the block: declarations are hoisted, and the lines above keep their numbers.
    const [twinPath] = twin.scope.pushContainer('body', markGenerated(file, declaration));
    const scopeEnd = twin.scope.node.loc?.end;
    file.unmapped.push({ node: declaration, end: scopeEnd ? lastCharacter(scopeEnd) : end });
    return { slotLines: state.slotLines, twin: twinPath as NodePath<t.FunctionDeclaration> };
  }
  const switchOn = file.switchable ? file.kit.switchOn(early, probed, original) : undefined;
  if (switchOn) file.unmapped.push({ node: switchOn, end });
  body.body = switchOn
    ? [...hoisted, switchOn]
    : [...hoisted, ...(early ? [file.kit.ensureRegistered()] : []), ...probed];
  return { slotLines: state.slotLines };
}
