import * as t from '@babel/types';
import type { AsyncStyle, SuspendStyle } from '@linecount/runtime/probe-code';
import { relabelContinue } from './continue-labels.js';
import { slotFor, type FunctionState } from './instrument-state.js';
import type { Ancestor, OwnCodeVisitor } from './walk.js';

/** How an activation of `node` treats its suspensions (SPEC §3, await / yield). */
export function suspendStyle(node: t.Function, awaitTime: boolean): SuspendStyle {
  if (node.generator) return 'segmented';
  if (node.async) return awaitTime ? 'charged' : 'segmented';
  return 'none';
}

/** The statement that holds the last of `ancestors`: Babel's `getStatementParent()`, a statement in a list. */
function holdingStatement(ancestors: readonly Ancestor[]): t.Node | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const { node, inList } = ancestors[i]!;
    if (inList && t.isStatement(node)) return node;
  }
  return undefined;
}

/** `node` wrapped in the park/resume code of `style`, charged to the line of its statement when segmented. */
function wrapSuspension(state: FunctionState, fn: t.Function, node: t.AwaitExpression | t.YieldExpression, ancestors: readonly Ancestor[], style: AsyncStyle): t.Expression {
  const { file } = state;
  const v = t.identifier(file.kit.names.v);
  const suspension = t.isAwaitExpression(node) ? t.awaitExpression(v) : t.yieldExpression(v, node.delegate);
  file.generated.add(suspension);
  const operand = node.argument ?? t.unaryExpression('void', t.numericLiteral(0));
  const slot = style === 'segmented' ? slotFor(state, state.lineOf(holdingStatement(ancestors) ?? fn)) : 0;
  const wrapped = file.kit.suspend(state.index, slot, style, suspension, operand);
  // Coverage tools map the expression back to the await/yield it replaces (issue 12).
  wrapped.loc = node.loc;
  return wrapped;
}

/** Wraps the function's own `await`s and `yield`s in park/resume code and relabels its `continue`s. */
export function suspensionVisitor(state: FunctionState, fn: t.Function): OwnCodeVisitor {
  const { file } = state;
  return {
    enter: (node, ancestors) => (t.isContinueStatement(node) ? relabelContinue(state, node, ancestors) : undefined),
    exit(node, ancestors) {
      if (file.generated.has(node)) return undefined;
      if (t.isAwaitExpression(node)) return wrapSuspension(state, fn, node, ancestors, file.awaitTime ? 'charged' : 'segmented');
      if (t.isYieldExpression(node)) return wrapSuspension(state, fn, node, ancestors, 'segmented');
      return undefined;
    },
  };
}
