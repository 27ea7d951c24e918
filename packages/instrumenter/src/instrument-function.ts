/**
 * One profiled function (SPEC §3): a prologue whose clock read is also the probe of the
 * first statement, a probe per statement line, and a `finally` that closes the last line
 * on every exit; its own `await`s and `yield`s park and resume the activation.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { SuspendStyle } from '@linecount/runtime/probe-code';
import { findTopLevelSuper, instrumentAroundSuper } from './instrument-constructor.js';
import { lastCharacter, unmappedBranches, type SourcePosition } from './coverage-hints.js';
import { probeBody } from './function-body.js';
import { keptOutside } from './function-level.js';
import { markGenerated, type FileState, type FunctionSlots, type FunctionState } from './instrument-state.js';
import { suspendStyle, suspensionVisitor } from './suspensions.js';
import { copyOriginal, forwardToTwin, switchBetween } from './switchable.js';
import { twinPlacement } from './twin-placement.js';
import { walkOwnCode } from './walk.js';

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

/** `prologue; try { instrumented } finally { epilogue }`: the `try` and the epilogue's branches kept out of coverage reports up to `end`. */
function closeOnEveryExit(state: FunctionState, prologue: t.Statement[], instrumented: t.Statement[], style: SuspendStyle, end: SourcePosition): t.Statement[] {
  const { file, index } = state;
  const epilogue = file.kit.epilogue(index, style);
  const wrapper = t.tryStatement(t.blockStatement(instrumented), null, markGenerated(file, t.blockStatement(epilogue)));
  file.unmapped.push({ node: wrapper, end }, ...unmappedBranches(epilogue));
  return [...prologue, wrapper];
}

/**
 * Adds the probes of SPEC §3 to one function; in a switchable file, its original body
 * stays for when profiling is off (see switchable.ts).
 */
export function instrumentFunction(path: NodePath<t.Function>, state: FunctionState): FunctionSlots {
  const { file, index, slotLines } = state;
  const body = ensureBlockBody(path);
  // isProfilable() checked that it is not null.
  const outside = keptOutside(path.node, body)!;
  const placement = file.switchable && outside.size === 0 ? twinPlacement(path) : undefined;
  const isOutside = (s: t.Statement): boolean => t.isFunctionDeclaration(s) && outside.has(s.id?.name ?? '');
  const original = file.switchable ? copyOriginal(state, body.body.filter((s) => !isOutside(s))) : [];
  walkOwnCode(body, suspensionVisitor(state, path.node));
  const hoisted = body.body.filter(isOutside);
  const rest = body.body.filter((s) => !isOutside(s));
  const style = suspendStyle(path.node, file.awaitTime);
  const superCall = findTopLevelSuper(path.node, path.parentPath?.parentPath?.node, rest);
  const walked = probeBody(state, rest, path.node, style);
  const prologue = walked.prologue.map((s) => markGenerated(file, s));
  const { instrumented } = walked;
  if (superCall) {
    const originals = file.switchable ? new Map(rest.map((s, i) => [s, original[i]!])) : undefined;
    body.body = [...hoisted, ...instrumentAroundSuper({ file, index, prologue, instrumented, superCall, ...(originals ? { originals } : {}) })];
    return { slotLines };
  }
  const end = lastCharacter((body.loc ?? path.node.loc!).end);
  const probed = closeOnEveryExit(state, prologue, instrumented, style, end);
  const early = mayRunBeforePreamble(path, file);
  if (placement) return { slotLines, twin: forwardToTwin(path, state, { placement, probed, original, early, end }) };
  body.body = file.switchable
    ? [...hoisted, switchBetween(state, { probed, original, early, end })]
    : [...hoisted, ...(early ? [file.kit.ensureRegistered()] : []), ...probed];
  return { slotLines };
}
