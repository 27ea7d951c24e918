import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';

/** Where a switchable function's instrumented twin goes, and how the original calls it. */
export interface TwinPlacement {
  /** The nearest block or program around the function, with no other scope between. */
  scope: NodePath<t.Program | t.BlockStatement>;
  /** The code uses `this`: the twin is called with `.call(this, …)`. */
  usesThis: boolean;
  /** A class member: the twin, outside the class, needs the class's strict mode. */
  strict: boolean;
}

/** What the twin's code would see differently: found while scanning the function. */
interface Uses {
  /** Names bound only inside the original: a function expression's or a class's own name. */
  innerNames: ReadonlySet<string>;
  usesThis: boolean;
  unsupported: boolean;
}

function scanChildren(node: t.Node, own: boolean, uses: Uses): void {
  const fields = node as unknown as Record<string, unknown>;
  for (const key of t.VISITOR_KEYS[node.type] ?? []) {
    const child = fields[key];
    for (const item of Array.isArray(child) ? child : [child]) {
      if (item && typeof (item as t.Node).type === 'string') scan(item as t.Node, own, uses);
    }
  }
}

/** Computed keys and decorators of a member run in the enclosing code; the rest in its own. */
function scanMember(node: t.Node & { computed?: boolean; key?: t.Node; decorators?: t.Decorator[] | null }, own: boolean, uses: Uses, inner: t.Node[]): void {
  if (node.computed && node.key) scan(node.key, own, uses);
  for (const decorator of node.decorators ?? []) scan(decorator, own, uses);
  for (const part of inner) scan(part, false, uses);
}

/**
 * Scans `node`: `own` while it runs with the function's own `this`, `arguments`,
 * `super` and `new.target` (its code, arrows, computed keys of nested members), not in
 * nested functions, class field initialisers and static blocks, where only names
 * (`eval`, inner names) and private names matter.
 */
function scan(node: t.Node, own: boolean, uses: Uses): void {
  if (uses.unsupported) return;
  if (t.isIdentifier(node)) {
    const { name } = node;
    if ((own && name === 'arguments') || name === 'eval' || uses.innerNames.has(name)) uses.unsupported = true;
  } else if (t.isThisExpression(node)) {
    if (own) uses.usesThis = true;
  } else if (t.isSuper(node) || t.isMetaProperty(node)) {
    if (own) uses.unsupported = true;
  } else if (t.isPrivateName(node)) {
    uses.unsupported = true;
  } else if (t.isFunction(node) && !t.isArrowFunctionExpression(node)) {
    if (t.isFunctionExpression(node) && node.id) scan(node.id, false, uses);
    scanMember(node as t.Node, own, uses, [...node.params, node.body]);
  } else if (t.isClassProperty(node) || t.isClassPrivateProperty(node) || t.isClassAccessorProperty(node)) {
    scanMember(node, own, uses, node.value ? [node.value] : []);
  } else if (t.isStaticBlock(node)) {
    scanChildren(node, false, uses);
  } else {
    scanChildren(node, own, uses);
  }
}

/** Whether `path` is a statement that is not directly in a block's or program's list (an `if`'s branch, a `with`'s or label's body). */
function isNestedStatement(path: NodePath): boolean {
  if (!path.isStatement() || path.isBlockStatement()) return false;
  const parent = path.parentPath;
  return !(parent?.isProgram() || parent?.isBlockStatement() || parent?.isExportDeclaration());
}

/**
 * Whether a switchable function's instrumented copy can be a separate declaration, its
 * "twin", that the original calls with its parameters' values: the original then stays
 * as small as written, so V8 still inlines it when profiling is off (SPEC §3, "off means
 * off"). The function must have plain-name parameters, be neither a generator nor async
 * (their result is made at the call) nor a constructor, sit in a block or program with
 * no other scope in between but a class's, nor a statement that is not in the block's
 * list (`if (x) function f() {}`, a `with` body: their names differ from the block's),
 * and its code must not use `arguments`, `super`, `new.target`, `eval`, private names
 * (in nested functions and classes too: the twin is outside the class), or the name of
 * a function expression or class (bound inside it only), with `this`, `arguments`,
 * `super` and `new.target` looked for in arrows and in the computed keys of nested
 * members too. `this` is passed with `.call`.
 */
export function twinPlacement(path: NodePath<t.Function>): TwinPlacement | undefined {
  const { node } = path;
  if (node.generator || node.async || (t.isClassMethod(node) && node.kind === 'constructor')) return undefined;
  if (!node.params.every((param) => t.isIdentifier(param) && param.name !== 'this')) return undefined;
  const innerNames = new Set<string>();
  if (t.isFunctionExpression(node) && node.id) innerNames.add(node.id.name);
  let strict = false;
  if (isNestedStatement(path)) return undefined;
  let scope: NodePath | null = path.parentPath;
  while (scope && !scope.isProgram() && !scope.isBlockStatement()) {
    if (scope.isClass()) {
      strict = true;
      if (scope.node.id) innerNames.add(scope.node.id.name);
    } else if (t.isScopable(scope.node) || isNestedStatement(scope)) {
      return undefined;
    }
    scope = scope.parentPath;
  }
  if (!scope) return undefined;
  const uses: Uses = { innerNames, usesThis: false, unsupported: false };
  scan(node.body, true, uses);
  return uses.unsupported ? undefined : { scope: scope as NodePath<t.Program | t.BlockStatement>, usesThis: uses.usesThis, strict };
}
