import type { NodePath, Visitor } from '@babel/traverse';
import * as t from '@babel/types';
import type { SuspendStyle } from '@linecount/runtime';
import type { ProbeKit } from './probes.js';
import { firstCodeStatement, instrumentList, type ForAwaitContext, type StatementContext } from './statements.js';

/** File-wide state shared by the functions of one file. */
export interface FileState {
  readonly kit: ProbeKit;
  readonly prefix: string;
  /** Maps an input line to the line reported (through the input source map). */
  readonly mapLine: (line: number) => number;
  /** Await time charged to the await line (SPEC §3). */
  readonly awaitTime: boolean;
  /** Next free slot of the file; slot 0 is the discard slot. */
  nextSlot: number;
  nextLabel: number;
  /** Generated nodes: await/yield never instrumented again, probe code never walked. */
  readonly generated: WeakSet<t.Node>;
}

/** One instrumented function's slots: reported line of each slot, in slot order. */
export interface FunctionSlots {
  slotLines: number[];
}

/** Per-function state of the statement walk. */
export interface FunctionState {
  readonly file: FileState;
  readonly index: number;
  readonly slots: Map<number, number>;
  readonly slotLines: number[];
  readonly continueLabels: Map<t.Node, string>;
}

/** The slot of reported `line` in this function, allocated on first use. */
export function slotFor(state: FunctionState, line: number): number {
  const reported = state.file.mapLine(line);
  let slot = state.slots.get(reported);
  if (slot === undefined) {
    slot = state.file.nextSlot++;
    state.slots.set(reported, slot);
    state.slotLines.push(reported);
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
  return node.body;
}

function continueTarget(path: NodePath<t.ContinueStatement>): t.Node | undefined {
  const label = path.node.label?.name;
  if (label === undefined) return path.findParent((p) => p.isLoop())?.node;
  let labeled = path.findParent((p) => p.isLabeledStatement() && p.node.label.name === label)?.node;
  while (t.isLabeledStatement(labeled)) labeled = labeled.body;
  return labeled;
}

/**
 * Turns a `continue` into `break label` of a label around its loop's body, so that it
 * passes the probe at the end of each pass (see statements.ts `instrumentLoop`).
 */
export function relabelContinue(state: FunctionState, path: NodePath<t.ContinueStatement>): void {
  const { file } = state;
  const target = continueTarget(path);
  if (!target) return;
  let label = state.continueLabels.get(target);
  if (label === undefined) {
    label = `${file.prefix}c${file.nextLabel++}`;
    state.continueLabels.set(target, label);
  }
  const replacement = t.breakStatement(t.identifier(label));
  replacement.loc = path.node.loc;
  path.replaceWith(replacement);
}

function suspensionVisitor(state: FunctionState, fnPath: NodePath<t.Function>): Visitor {
  const { file } = state;
  const lineOfStatement = (path: NodePath): number => (path.getStatementParent() ?? fnPath).node.loc!.start.line;
  const wrap = (path: NodePath<t.AwaitExpression | t.YieldExpression>, style: Exclude<SuspendStyle, 'none'>): void => {
    const v = t.identifier(file.kit.names.v);
    const { node } = path;
    const suspension = t.isAwaitExpression(node) ? t.awaitExpression(v) : t.yieldExpression(v, node.delegate);
    file.generated.add(suspension);
    const operand = node.argument ?? t.unaryExpression('void', t.numericLiteral(0));
    const slot = style === 'segmented' ? slotFor(state, lineOfStatement(path)) : 0;
    path.replaceWith(file.kit.suspend(state.index, slot, style, suspension, operand));
  };
  return {
    Function: (path) => path.skip(),
    AwaitExpression: {
      exit(path) {
        if (!file.generated.has(path.node)) wrap(path, file.awaitTime ? 'charged' : 'segmented');
      },
    },
    YieldExpression: {
      exit(path) {
        if (!file.generated.has(path.node)) wrap(path, 'segmented');
      },
    },
    ContinueStatement: (path) => relabelContinue(state, path),
  };
}

/**
 * Names of the body's function declarations that a block would reject: also declared by
 * a `var` of the function, or declared twice (early errors inside a block, legal at
 * function level). Those stay above the prologue; every other declaration moves into
 * the `try` with the rest of the body, so it keeps seeing the body's let/const/class
 * bindings.
 */
function functionsKeptOutside(path: NodePath<t.Function>, body: t.BlockStatement): Set<string> {
  const declared = new Set<string>();
  const outside = new Set<string>();
  path.get('body').traverse({
    Function: (inner) => inner.skip(),
    VariableDeclaration(declaration) {
      if (declaration.node.kind !== 'var') return;
      for (const name of Object.keys(t.getBindingIdentifiers(declaration.node))) declared.add(name);
    },
  });
  for (const statement of body.body) {
    if (!t.isFunctionDeclaration(statement) || !statement.id) continue;
    if (declared.has(statement.id.name)) outside.add(statement.id.name);
    declared.add(statement.id.name);
  }
  return outside;
}

/**
 * Whether `path` may run before the module body (and so the preamble) has: it is, or is
 * inside, a hoisted top-level function declaration, callable from an ES module import
 * cycle before this module evaluates.
 */
function mayRunBeforePreamble(path: NodePath<t.Function>): boolean {
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
    probe: (line) => markGenerated(file, file.kit.probe(slotFor(state, line))),
    continueLabel: (loop) => state.continueLabels.get(loop),
    ...(node.async ? { forAwait } : {}),
    ...(style === 'none' ? {} : { resumeAfterThrow: () => file.kit.resumeAfterThrow(index) }),
  };
}

/**
 * Adds the probes of SPEC §3 to one function: a prologue whose clock read is also the
 * probe of the first statement, a probe per statement line, and a `finally` that closes
 * the last line on every exit.
 */
export function instrumentFunction(path: NodePath<t.Function>, file: FileState, index: number): FunctionSlots {
  const state: FunctionState = { file, index, slots: new Map(), slotLines: [], continueLabels: new Map() };
  const body = ensureBlockBody(path);
  const outside = functionsKeptOutside(path, body);
  path.get('body').traverse(suspensionVisitor(state, path));
  const isOutside = (s: t.Statement): boolean => t.isFunctionDeclaration(s) && outside.has(s.id?.name ?? '');
  const hoisted = body.body.filter(isOutside);
  const rest = body.body.filter((s) => !isOutside(s));
  const first = firstCodeStatement(rest);
  const firstLine = first?.loc?.start.line;
  const firstSlot = firstLine === undefined ? 0 : slotFor(state, firstLine);
  const style = suspendStyle(path.node, file.awaitTime);
  const instrumented = instrumentList(rest, firstLine === undefined ? null : [firstLine], statementContext(state, path.node, style));
  body.body = [
    ...hoisted,
    ...(mayRunBeforePreamble(path) ? [file.kit.ensureRegistered()] : []),
    ...file.kit.prologue(index, firstSlot, style).map((s) => markGenerated(file, s)),
    t.tryStatement(t.blockStatement(instrumented), null, markGenerated(file, t.blockStatement(file.kit.epilogue(index, style)))),
  ];
  return { slotLines: state.slotLines };
}
