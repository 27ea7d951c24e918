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

/**
 * Whether a switchable function's instrumented copy can be a separate declaration, its
 * "twin", that the original calls with its parameters' values: the original then stays
 * as small as written, so V8 still inlines it when profiling is off (SPEC §3, "off means
 * off"). The function must have plain-name parameters, be neither a generator nor async
 * (their result is made at the call) nor a constructor, sit in a block or program with
 * no other scope in between but a class's (the twin, declared there, sees the same
 * names), and its code (arrows included) must not use `arguments`, `super`,
 * `new.target`, `eval`, private names, or the name of a function expression or class
 * (bound inside it only). `this` is passed with `.call`.
 */
export function twinPlacement(path: NodePath<t.Function>): TwinPlacement | undefined {
  const { node } = path;
  if (node.generator || node.async || (t.isClassMethod(node) && node.kind === 'constructor')) return undefined;
  if (!node.params.every((param) => t.isIdentifier(param) && param.name !== 'this')) return undefined;
  const innerNames = new Set<string>();
  if (t.isFunctionExpression(node) && node.id) innerNames.add(node.id.name);
  let strict = false;
  let scope: NodePath | null = path.parentPath;
  while (scope && !scope.isProgram() && !scope.isBlockStatement()) {
    if (scope.isClass()) {
      strict = true;
      if (scope.node.id) innerNames.add(scope.node.id.name);
    } else if (t.isScopable(scope.node)) {
      return undefined;
    }
    scope = scope.parentPath;
  }
  if (!scope) return undefined;
  let usesThis = false;
  let unsupported = false;
  const found = (inner: NodePath): void => {
    unsupported = true;
    inner.stop();
  };
  path.get('body').traverse({
    noScope: true,
    Function: (inner) => (inner.isArrowFunctionExpression() ? undefined : inner.skip()),
    ThisExpression: () => {
      usesThis = true;
    },
    Super: found,
    MetaProperty: found,
    PrivateName: found,
    Identifier: (inner) => {
      const { name } = inner.node;
      if (name === 'arguments' || name === 'eval' || innerNames.has(name)) found(inner);
    },
  });
  return unsupported ? undefined : { scope: scope as NodePath<t.Program | t.BlockStatement>, usesThis, strict };
}
