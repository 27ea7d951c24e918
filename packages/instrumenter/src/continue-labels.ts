import * as t from '@babel/types';
import type { FunctionState } from './instrument-state.js';
import type { Ancestor } from './walk.js';

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
