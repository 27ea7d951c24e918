import * as t from '@babel/types';
import { lastCharacter, type SourcePosition } from './coverage-hints.js';

/**
 * Lines of the probes that may have run right before a statement; `null` when unknown
 * (after a jump or a multi-line statement). A statement whose every possible
 * predecessor is on its own line gets no probe: one hit per pass of a line (SPEC §3).
 */
export type Predecessors = readonly number[] | null;

/** What the statement walk needs from the function being instrumented. */
export interface StatementContext {
  /** A probe statement that counts one hit of `line`. */
  probe(line: number): t.Statement;
  /** Reported line of a node's start (`end`: of its end), through the input source map. */
  lineOf(node: t.Node, end?: boolean): number;
  /** Label wrapping the body of a loop whose `continue`s were turned into `break`s, if any. */
  continueLabel(loop: t.Loop): string | undefined;
  /** Keeps a generated node out of coverage reports; `end`: the original position after it (see coverage-hints.ts). */
  unmapStart(node: t.Node, end: SourcePosition): void;
  /** In async functions: what a `for await` needs to release the activation while it waits. */
  forAwait?: ForAwaitContext;
  /** In functions that suspend: first statement of every `catch` and `finally`. */
  resumeAfterThrow?: () => t.Statement;
}

/**
 * A `for await` suspends before each pass and at its end, like an `await` (SPEC §3): the
 * activation is parked when the loop asks for its next value and resumed when the body
 * starts or the loop ends.
 */
export interface ForAwaitContext {
  /** Evaluates the iterable, then parks. */
  parkAfter(iterable: t.Expression): t.Expression;
  park(): t.Statement;
  /** Resumes on the loop header `line`; `ifParked`: only when parked (the loop may end by a `break`). */
  resume(line: number, ifParked: boolean): t.Statement;
}

function isForAwait(node: t.Node): node is t.ForOfStatement {
  return t.isForOfStatement(node) && node.await;
}

/** Statements that run no code of their own where they stand. */
export function isInert(node: t.Statement): boolean {
  if (t.isFunctionDeclaration(node) || t.isEmptyStatement(node)) return true;
  // Module top level (`<module>`): imports run before the body; `export { a }` runs nothing.
  if (t.isImportDeclaration(node) || t.isExportAllDeclaration(node)) return true;
  if (t.isExportNamedDeclaration(node)) return !node.declaration || isInert(node.declaration);
  if (t.isExportDefaultDeclaration(node)) return t.isFunctionDeclaration(node.declaration);
  if ((node as { declare?: boolean }).declare) return true;
  return node.type.startsWith('TS') && !t.isTSEnumDeclaration(node) && !t.isTSModuleDeclaration(node) && !t.isTSImportEqualsDeclaration(node);
}

/**
 * The first statement of `list` that runs code of its own, looking into blocks (a `{`
 * line never has hits, SPEC §3).
 */
export function firstCodeStatement(list: readonly t.Statement[]): t.Statement | undefined {
  for (const statement of list) {
    if (!statement.loc || isInert(statement)) continue;
    if (!t.isBlockStatement(statement)) return statement;
    const inner = firstCodeStatement(statement.body);
    if (inner) return inner;
  }
  return undefined;
}

function needsProbe(line: number, before: Predecessors): boolean {
  return !before || before.length === 0 || before.some((previous) => previous !== line);
}

function oneLine(node: t.Node, ctx: StatementContext): Predecessors {
  const line = ctx.lineOf(node);
  return line === ctx.lineOf(node, true) ? [line] : null;
}

/** Instruments a statement list that is entered after probes on `before`. */
export function instrumentList(list: t.Statement[], before: Predecessors, ctx: StatementContext): t.Statement[] {
  const out: t.Statement[] = [];
  let previous = before;
  for (const statement of list) {
    if (!statement.loc || isInert(statement)) {
      out.push(statement);
      continue;
    }
    if (t.isBlockStatement(statement)) {
      statement.body = instrumentList(statement.body, previous, ctx);
      if (!firstCodeStatement(statement.body)) {
        // Nothing runs in an empty block: the predecessors flow through it.
        out.push(statement);
        continue;
      }
    } else {
      const line = ctx.lineOf(statement);
      if (needsProbe(line, previous)) out.push(ctx.probe(line));
      instrumentChildren(statement, ctx);
    }
    out.push(statement);
    if (ctx.forAwait && isForAwait(statement)) out.push(ctx.forAwait.resume(ctx.lineOf(statement), true));
    previous = oneLine(statement, ctx);
  }
  return out;
}

/** Instruments a single-statement position (`if` branch, loop or label body), wrapping it in a block when a probe is added. */
function instrumentBranch(statement: t.Statement, before: Predecessors, ctx: StatementContext): t.Statement {
  if (t.isBlockStatement(statement)) {
    statement.body = instrumentList(statement.body, before, ctx);
    return statement;
  }
  const list = instrumentList([statement], before, ctx);
  return list.length === 1 ? list[0]! : blockAt(list, statement.loc);
}

/**
 * A block for generated statements around user code, located where V8 starts the
 * range of what it replaces, so that c8 reports that range where it reports the
 * original's (issue 12, item 4).
 */
function blockAt(statements: t.Statement[], loc: t.SourceLocation | null | undefined): t.BlockStatement {
  const block = t.blockStatement(statements);
  block.loc = loc ?? null;
  return block;
}

function instrumentLoop(loop: t.Loop, ctx: StatementContext): void {
  const header = ctx.lineOf(loop);
  const bodyLoc = loop.body.loc;
  // A do…while counts the `do` line once and its `while (test)` line per test (SPEC §3).
  const tail = t.isDoWhileStatement(loop) ? ctx.lineOf(loop.test) : header;
  const before = tail === header ? [header] : [header, tail];
  const body = t.isBlockStatement(loop.body) ? loop.body : blockAt([loop.body], bodyLoc);
  body.body = instrumentList(body.body, before, ctx);
  const forAwait = isForAwait(loop) ? ctx.forAwait : undefined;
  if (forAwait) {
    (loop as t.ForOfStatement).right = forAwait.parkAfter((loop as t.ForOfStatement).right);
    body.body.unshift(forAwait.resume(header, false));
  }
  const end = forAwait ? [ctx.probe(tail), forAwait.park()] : [ctx.probe(tail)];
  const label = ctx.continueLabel(loop);
  // The probe at the end of each pass charges the next test/step to the header line;
  // `continue`s of this loop were turned into `break label` so that they pass it too.
  if (label) {
    const labeled = t.labeledStatement(t.identifier(label), body);
    if (bodyLoc) ctx.unmapStart(labeled, lastCharacter(bodyLoc.end));
    loop.body = blockAt([labeled, ...end], bodyLoc);
  } else {
    body.body.push(...end);
    loop.body = body;
  }
}

function instrumentSwitch(statement: t.SwitchStatement, ctx: StatementContext): void {
  const header = ctx.lineOf(statement);
  let fallThrough: Predecessors = [];
  for (const switchCase of statement.cases) {
    const before = fallThrough === null ? null : [header, ...fallThrough];
    switchCase.consequent = instrumentList(switchCase.consequent, before, ctx);
    const last = [...switchCase.consequent].reverse().find((s) => s.loc && !isInert(s));
    if (last) fallThrough = oneLine(last, ctx);
  }
}

function instrumentChildren(statement: t.Statement, ctx: StatementContext): void {
  if (t.isIfStatement(statement)) {
    const before = [ctx.lineOf(statement)];
    statement.consequent = instrumentBranch(statement.consequent, before, ctx);
    if (statement.alternate) statement.alternate = instrumentBranch(statement.alternate, before, ctx);
  } else if (t.isLoop(statement)) {
    instrumentLoop(statement, ctx);
  } else if (t.isLabeledStatement(statement)) {
    statement.body = instrumentBranch(statement.body, [ctx.lineOf(statement)], ctx);
  } else if (t.isSwitchStatement(statement)) {
    instrumentSwitch(statement, ctx);
  } else if (t.isTryStatement(statement)) {
    statement.block.body = instrumentList(statement.block.body, [ctx.lineOf(statement)], ctx);
    if (statement.handler) statement.handler.body.body = instrumentHandler(statement.handler.body.body, ctx);
    if (statement.finalizer) statement.finalizer.body = instrumentHandler(statement.finalizer.body, ctx);
  }
}

/** A `catch` or `finally` body: entered after a jump, possibly out of a suspension. */
function instrumentHandler(list: t.Statement[], ctx: StatementContext): t.Statement[] {
  const body = instrumentList(list, null, ctx);
  return ctx.resumeAfterThrow ? [ctx.resumeAfterThrow(), ...body] : body;
}
