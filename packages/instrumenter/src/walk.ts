import * as t from '@babel/types';

/** A node on the way from the walk's root to the visited node. */
export interface Ancestor {
  readonly node: t.Node;
  /** It sits in a list (statements, arguments, …): Babel's `Array.isArray(path.container)`. */
  readonly inList: boolean;
}

/**
 * What {@link walkOwnCode} calls on each node; `ancestors` ends with the node itself. A
 * returned node replaces the visited one and takes over its comments, as Babel's
 * `replaceWith` does; the walk goes on into what `enter` returns, not into what `exit`
 * returns.
 */
export interface OwnCodeVisitor {
  enter?(node: t.Node, ancestors: readonly Ancestor[]): t.Node | undefined;
  exit?(node: t.Node, ancestors: readonly Ancestor[]): t.Node | undefined;
}

/** Whether the last of `ancestors` is in the body of a `with` statement (where probe code must not go, see profilable.ts). */
export function inWithBody(ancestors: readonly Ancestor[]): boolean {
  return ancestors.some((ancestor, i) => t.isWithStatement(ancestor.node) && ancestors[i + 1]?.node === ancestor.node.body);
}

function replace(old: t.Node, replacement: t.Node | undefined): t.Node {
  if (!replacement || replacement === old) return old;
  t.inheritsComments(replacement, old);
  t.removeComments(old);
  return replacement;
}

/**
 * Walks the code below `root` that runs in `root`'s own activation, nested functions left
 * out, in the order of Babel's traversal (`root` itself is not visited). It builds no
 * `NodePath`s: a walk of every function body with Babel's traversal cost more than a
 * third of instrumenting a whole package (issue #4).
 */
export function walkOwnCode(root: t.Node, visitor: OwnCodeVisitor): void {
  const ancestors: Ancestor[] = [{ node: root, inList: false }];
  const visit = (node: t.Node, inList: boolean): t.Node => {
    if (t.isFunction(node)) return node;
    ancestors.push({ node, inList });
    const current = replace(node, visitor.enter?.(node, ancestors));
    ancestors[ancestors.length - 1] = { node: current, inList };
    visitChildren(current);
    const result = replace(current, visitor.exit?.(current, ancestors));
    ancestors.pop();
    return result;
  };
  const visitChildren = (node: t.Node): void => {
    const fields = node as unknown as Record<string, unknown>;
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = fields[key];
      if (Array.isArray(child)) {
        for (let i = 0; i < child.length; i++) {
          const item = child[i] as t.Node | null;
          if (item) child[i] = visit(item, true);
        }
      } else if (child) {
        fields[key] = visit(child as t.Node, false);
      }
    }
  };
  visitChildren(root);
}
