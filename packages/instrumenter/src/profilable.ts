/**
 * Functions that cannot be instrumented without changing what they do, and so stay as
 * written (issue 13): the instrumented code would differ from the original in a way the
 * program can see.
 * - Code inside a `with` body looks every name up through the `with` object first: a
 *   probe's names would reach its `has` trap (observable) or a proxy that claims every
 *   name (cause 3). Functions declared there stay as written, and so does the body of a
 *   `with` in a profiled function (statements.ts), unless it holds an `await`, a
 *   `yield` or a `continue` of the function, which probe code must wrap: then the
 *   function stays as written.
 * - A function declaration that must stay at function level while it refers to a
 *   lexical name of the body (function-level.ts).
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { keptOutside } from './function-level.js';
import { inWithBody, walkOwnCode } from './walk.js';

/** Whether `path` is in the body of a `with` statement (not its object). */
function insideWithBody(path: NodePath): boolean {
  for (let current: NodePath = path; current.parentPath; current = current.parentPath) {
    if (current.parentPath.isWithStatement() && current.key === 'body') return true;
  }
  return false;
}

/** Whether the function's own code has an `await`, `yield` or `continue` in the body of a `with`. */
function suspendsInWith(body: t.Node): boolean {
  let found = false;
  walkOwnCode(body, {
    enter(node, ancestors) {
      if (!found && (t.isAwaitExpression(node) || t.isYieldExpression(node) || t.isContinueStatement(node))) {
        found = inWithBody(ancestors);
      }
      return undefined;
    },
  });
  return found;
}

/** Whether `path` can be instrumented with its behaviour unchanged. */
export function isProfilable(path: NodePath<t.Function>): boolean {
  const { body } = path.node;
  if (insideWithBody(path)) return false;
  if (!t.isBlockStatement(body)) return true;
  return !suspendsInWith(body) && keptOutside(path.node, body) !== null;
}
