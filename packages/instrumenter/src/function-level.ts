/**
 * Which function declarations of a body must stay at function level, above the `try`
 * that the rest of the body moves into (issue 13, cause 2). Inside a block a function
 * declaration is block-scoped, which is only the same as at function level when
 * nothing tells them apart. What does:
 * - a `var` of the function, or a second declaration, of the same name (early errors
 *   inside a block, legal at function level);
 * - a parameter of the same name (at function level the function replaces its value,
 *   `arguments[0]` included);
 * - a function declaration of the same name in a nested block (Annex B: when its block
 *   runs, it replaces the function-level one, not a block's);
 * - a direct `eval` in the body (its `var`s and functions would collide with a block's).
 * A function kept there no longer sees the body's `let`/`const`/`class` bindings: when it
 * refers to one of their names, the body cannot be instrumented (see {@link keptOutside}).
 */
import * as t from '@babel/types';
import { walkOwnCode } from './walk.js';

/** The function declarations at the top of `body` that must stay at function level; `null`: one of them refers to a lexical name of the body. */
export function keptOutside(fn: t.Function, body: t.BlockStatement): Set<string> | null {
  const outside = new Set<string>();
  const names = body.body.flatMap((s) => (t.isFunctionDeclaration(s) && s.id ? [s.id.name] : []));
  if (names.length === 0) return outside;
  const declared = new Set(fn.params.flatMap((param) => Object.keys(t.getBindingIdentifiers(param))));
  let evals = false;
  walkOwnCode(body, {
    enter(node) {
      if (t.isVariableDeclaration(node) && node.kind === 'var') {
        for (const name of Object.keys(t.getBindingIdentifiers(node))) declared.add(name);
      } else if (t.isCallExpression(node) && t.isIdentifier(node.callee, { name: 'eval' })) {
        evals = true;
      }
      // The walk leaves functions out: a nested block's are found from what holds them.
      for (const inner of nestedFunctions(node)) declared.add(inner.id!.name);
      return undefined;
    },
  });
  for (const name of names) {
    if (evals || declared.has(name)) outside.add(name);
    declared.add(name);
  }
  return outside.size > 0 && refersToLexical(body, outside) ? null : outside;
}

/** The function declarations that `node` (a nested block, case, `if` or label) holds. */
function nestedFunctions(node: t.Node): t.FunctionDeclaration[] {
  let held: (t.Node | null | undefined)[];
  if (t.isBlockStatement(node)) held = node.body;
  else if (t.isSwitchCase(node)) held = node.consequent;
  else if (t.isIfStatement(node)) held = [node.consequent, node.alternate];
  else if (t.isLabeledStatement(node)) held = [node.body];
  else return [];
  return held.filter((s): s is t.FunctionDeclaration => t.isFunctionDeclaration(s) && s.id !== null && s.id !== undefined);
}

/** Whether a function of `outside` has an identifier named as a top-level `let`, `const` or `class` of `body`. */
function refersToLexical(body: t.BlockStatement, outside: ReadonlySet<string>): boolean {
  const lexical = new Set<string>();
  for (const statement of body.body) {
    if ((t.isVariableDeclaration(statement) && statement.kind !== 'var') || t.isClassDeclaration(statement)) {
      for (const name of Object.keys(t.getBindingIdentifiers(statement))) lexical.add(name);
    }
  }
  if (lexical.size === 0) return false;
  let found = false;
  const visit = (node: t.Node): void => {
    if (found) return;
    if (t.isIdentifier(node) && lexical.has(node.name)) found = true;
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) if (item && typeof (item as t.Node).type === 'string') visit(item as t.Node);
    }
  };
  for (const statement of body.body) if (t.isFunctionDeclaration(statement) && outside.has(statement.id?.name ?? '')) visit(statement);
  return found;
}
