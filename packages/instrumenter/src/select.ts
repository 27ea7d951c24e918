import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { ANONYMOUS_FUNCTION_NAME } from '@linecount/runtime';
import { IGNORE_NEXT_PRAGMA, PROFILE_PRAGMA } from './constants.js';

/** A function chosen for profiling, with what the report shows of it. */
export interface SelectedFunction {
  name: string;
  /** First line of the listing: the pragma comment, decorator or function line (SPEC §5). */
  line: number;
  endLine: number;
}

function pragmaComment(node: t.Node | null | undefined, pragma: RegExp = PROFILE_PRAGMA): t.Comment | undefined {
  const comment = node?.leadingComments?.find((c) => pragma.test(c.value));
  return comment?.loc ? comment : undefined;
}

/** The nodes whose leading comments can mark `path`'s function: itself, then its declaration. */
function declarationChain(path: NodePath<t.Function>): t.Node[] {
  const chain: t.Node[] = [path.node];
  // `@decorator\n// @profile\nmethod() {}`: Babel attaches the comment to the key.
  if (t.isMethod(path.node) || t.isClassPrivateMethod(path.node)) chain.push(path.node.key);
  let current: NodePath = path;
  for (;;) {
    const parent = current.parentPath;
    if (!parent) break;
    const isHolder =
      parent.isVariableDeclarator({ init: current.node }) ||
      parent.isVariableDeclaration() ||
      parent.isExportNamedDeclaration() ||
      parent.isExportDefaultDeclaration() ||
      (parent.isObjectProperty({ value: current.node }) && !parent.node.computed) ||
      parent.isClassProperty({ value: current.node }) ||
      parent.isClassPrivateProperty({ value: current.node }) ||
      parent.isAssignmentExpression({ right: current.node }) ||
      (parent.isExpressionStatement() && current.isAssignmentExpression());
    if (!isHolder) break;
    chain.push(parent.node);
    current = parent;
  }
  return [...chain, ...overloadSignatures(path, current)];
}

function signatureName(node: t.Node): string | undefined {
  const declaration = t.isExportNamedDeclaration(node) || t.isExportDefaultDeclaration(node) ? node.declaration : node;
  if (t.isTSDeclareFunction(declaration)) return declaration.id?.name;
  if (t.isTSDeclareMethod(declaration) && !declaration.computed) return `${declaration.static}:${keyName(declaration.key, false)}`;
  return undefined;
}

/**
 * The TS overload signatures right above an implementation (`statement` holds it): a
 * pragma above the first signature marks the implementation (SPEC §2).
 */
function overloadSignatures(path: NodePath<t.Function>, statement: NodePath): t.Node[] {
  let name: string | undefined;
  if (path.isFunctionDeclaration()) name = path.node.id?.name;
  else if (path.isClassMethod() && (path.node.kind === 'method' || path.node.kind === 'constructor') && !path.node.computed) {
    name = `${path.node.static}:${keyName(path.node.key, false)}`;
  }
  if (name === undefined || typeof statement.key !== 'number') return [];
  const signatures: t.Node[] = [];
  // The nodes, not getAllPrevSiblings(): paths for every earlier statement would make
  // a file of many functions quadratic (issue #4, whole packages).
  const siblings = statement.container as t.Node[];
  for (let i = statement.key - 1; i >= 0; i--) {
    const sibling = siblings[i]!;
    if (signatureName(sibling) !== name) break;
    signatures.push(sibling);
  }
  return signatures;
}

function classOf(path: NodePath<t.Function>): NodePath<t.Class> | undefined {
  if (!path.isClassMethod() && !path.isClassPrivateMethod()) return undefined;
  return path.parentPath.parentPath as NodePath<t.Class>;
}

function hasClassPragma(path: NodePath<t.Function>, pragma: RegExp = PROFILE_PRAGMA): boolean {
  let current: NodePath | undefined = classOf(path);
  while (current) {
    if (pragmaComment(current.node, pragma)) return true;
    const parent: NodePath | null = current.parentPath;
    const holds =
      parent?.isExportNamedDeclaration() ||
      parent?.isExportDefaultDeclaration() ||
      parent?.isVariableDeclarator() ||
      parent?.isVariableDeclaration();
    current = holds ? parent ?? undefined : undefined;
  }
  return false;
}

/**
 * Whether `// linecount-ignore-next` excludes `path`: on it, its declaration or its
 * class, or on a function (or class) that contains it (SPEC §2).
 */
function isIgnored(path: NodePath<t.Function>): boolean {
  for (let current: NodePath<t.Function> | null = path; current; current = current.getFunctionParent()) {
    if (declarationChain(current).some((node) => pragmaComment(node, IGNORE_NEXT_PRAGMA) !== undefined)) return true;
    if (hasClassPragma(current, IGNORE_NEXT_PRAGMA)) return true;
  }
  return false;
}

/**
 * Whether `path` is profiled: a `@profile` pragma on the function, on the statement that
 * declares it, or on its class (SPEC §2); every function when `all` is set; never one
 * that `// linecount-ignore-next` excludes.
 * @param [mayIgnore=true] False when the file has no ignore pragma: skips looking for one.
 */
export function isMarked(path: NodePath<t.Function>, all: boolean, mayIgnore = true): boolean {
  if (!path.node.loc || !t.isBlockStatement(path.node.body) && !t.isExpression(path.node.body)) return false;
  if (mayIgnore && isIgnored(path)) return false;
  if (all) return true;
  return declarationChain(path).some((node) => pragmaComment(node) !== undefined) || hasClassPragma(path);
}

/** The name an identifier is reported by: its own, or the original one a source map records. */
export type NameOf = (id: t.Identifier) => string;

const ownName: NameOf = (id) => id.name;

function keyName(key: t.Node, computed: boolean, nameOf: NameOf = ownName): string | undefined {
  if (t.isIdentifier(key) && !computed) return nameOf(key);
  if (t.isPrivateName(key)) return `#${key.id.name}`;
  if (t.isStringLiteral(key) || t.isNumericLiteral(key)) return String(key.value);
  return computed ? '[computed]' : undefined;
}

function memberName(node: t.Node, nameOf: NameOf): string | undefined {
  if (t.isIdentifier(node)) return nameOf(node);
  if (t.isThisExpression(node)) return 'this';
  if (t.isMemberExpression(node)) {
    const object = memberName(node.object, nameOf);
    const property = keyName(node.property, node.computed, nameOf);
    return object && property ? `${object}.${property}` : property;
  }
  return undefined;
}

function ownerName(container: NodePath, nameOf: NameOf): string | undefined {
  if (container.isClass()) return container.node.id ? nameOf(container.node.id) : ownerName(container.parentPath, nameOf);
  if (container.isVariableDeclarator()) return memberName(container.node.id, nameOf);
  if (container.isAssignmentExpression()) return memberName(container.node.left, nameOf);
  if (container.isObjectProperty()) return keyName(container.node.key, container.node.computed, nameOf);
  return undefined;
}

function qualify(owner: string | undefined, name: string): string {
  return owner ? `${owner}.${name}` : name;
}

/**
 * The qualified name of SPEC §5: `isPrime`, `Parser.parseStatement`, `<anonymous>`.
 * @param [nameOf] The name of each identifier (the original names of a minified file's source map).
 */
export function functionName(path: NodePath<t.Function>, nameOf: NameOf = ownName): string {
  const { node, parentPath } = path;
  if (path.isClassMethod() || path.isClassPrivateMethod() || path.isObjectMethod()) {
    const own = keyName(path.node.key, path.node.computed ?? false, nameOf) ?? ANONYMOUS_FUNCTION_NAME;
    return qualify(ownerName(parentPath.parentPath!, nameOf), own);
  }
  if ((t.isFunctionDeclaration(node) || t.isFunctionExpression(node)) && node.id) return nameOf(node.id);
  if (parentPath.isVariableDeclarator()) return memberName(parentPath.node.id, nameOf) ?? ANONYMOUS_FUNCTION_NAME;
  if (parentPath.isAssignmentExpression()) return memberName(parentPath.node.left, nameOf) ?? ANONYMOUS_FUNCTION_NAME;
  if (parentPath.isObjectProperty() || parentPath.isClassProperty() || parentPath.isClassPrivateProperty()) {
    const own = keyName(parentPath.node.key, 'computed' in parentPath.node && parentPath.node.computed, nameOf) ?? ANONYMOUS_FUNCTION_NAME;
    return qualify(ownerName(parentPath.parentPath.parentPath!, nameOf), own);
  }
  return ANONYMOUS_FUNCTION_NAME;
}

/** Something with a place in the source: a node or a comment. */
export interface Located {
  loc?: t.SourceLocation | null;
}

/** How {@link describeFunction} reports places: the line of a start (or `end`), the name of an identifier. */
export interface Reporter {
  lineOf(located: Located, end?: boolean): number;
  nameOf: NameOf;
}

/** Name and listing range of a marked function, as `reporter` reports them (SPEC §5). */
export function describeFunction(path: NodePath<t.Function>, reporter: Reporter): SelectedFunction {
  const lines = [reporter.lineOf(path.node)];
  for (const node of declarationChain(path)) {
    const pragma = pragmaComment(node);
    if (pragma) lines.push(reporter.lineOf(pragma));
    for (const decorator of (node as { decorators?: t.Decorator[] | null }).decorators ?? []) {
      if (decorator.loc) lines.push(reporter.lineOf(decorator));
    }
  }
  return { name: functionName(path, reporter.nameOf), line: Math.min(...lines), endLine: reporter.lineOf(path.node, true) };
}
