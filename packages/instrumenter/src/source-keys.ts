/**
 * Keys the printed functions with their original text (issue 13, cause 1): every
 * function of the original inside a printed range (a profiled function, the functions
 * in it, their copies in a switchable function and its twin) gets the directive
 * `"__linecount:<file key>:<start>-<end>"`, which costs nothing when it runs; the
 * register call carries the original text of the outermost ones, and the runtime's
 * `Function.prototype.toString` answers it (packages/runtime/src/source-texts.ts).
 */
import { createHash } from 'node:crypto';
import * as t from '@babel/types';
import { SOURCE_KEY_PREFIX, type SourceTexts } from '@linecount/runtime';

/** Offsets of an original node in the code (ours have no line). */
export function rangeOf(node: t.Node): [number, number] | undefined {
  const loc = node.loc;
  return loc?.start.line !== undefined && loc.start.index !== undefined && loc.end.index !== undefined ? [loc.start.index, loc.end.index] : undefined;
}

/** The key directive of `fn`, if it has one. */
export function keyOf(fn: t.Function): string | undefined {
  return t.isBlockStatement(fn.body) ? fn.body.directives.find((directive) => directive.value.value.startsWith(SOURCE_KEY_PREFIX))?.value.value : undefined;
}

/** Adds `key` as the last directive of `fn`'s body; an arrow's expression body becomes a block. */
function addKey(fn: t.Function, key: string): void {
  if (!t.isBlockStatement(fn.body)) {
    const statement = t.returnStatement(fn.body);
    statement.loc = fn.body.loc;
    fn.body = t.blockStatement([statement]);
    fn.body.loc = statement.loc;
  }
  if (keyOf(fn) === undefined) fn.body.directives.push(t.directive(t.directiveLiteral(key)));
}

/** A `static` keyword and the space and comments after it. */
const STATIC = /^static\b(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*)*/;

/** Where `toString()` of `fn` starts: a static method's text starts after `static` (ECMA-262 MethodDefinition). */
function textStart(fn: t.Function, start: number, code: string): number {
  if (!(t.isClassMethod(fn) || t.isClassPrivateMethod(fn)) || !fn.static) return start;
  return start + (STATIC.exec(code.slice(start, start + 200))?.[0].length ?? 0);
}

/** Calls `visit` on `node` and every node under it. */
export function walk(node: t.Node, visit: (node: t.Node) => void): void {
  visit(node);
  for (const field of t.VISITOR_KEYS[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[field];
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && 'type' in child) walk(child as t.Node, visit);
    }
  }
}

/**
 * Keys the functions under `roots` (see above; ours, named with `prefix`: the twins)
 * and returns the texts the register call passes, of the file `filename` with `code`.
 */
export function keyFunctions(roots: readonly t.Node[], code: string, filename: string, prefix: string): SourceTexts {
  const fileKey = createHash('sha256').update(filename).update('\0').update(code).digest('hex').slice(0, 12);
  const ranges: [number, number][] = [];
  for (const root of roots) {
    walk(root, (node) => {
      if (!t.isFunction(node)) return;
      // A twin is keyed by its name: the runtime finds it to take it out of the text around it.
      if (t.isFunctionDeclaration(node) && node.id?.name.startsWith(prefix)) return addKey(node, `${SOURCE_KEY_PREFIX}${fileKey}:~${node.id.name}`);
      const range = rangeOf(node);
      if (!range) return;
      addKey(node, `${SOURCE_KEY_PREFIX}${fileKey}:${textStart(node, range[0], code)}-${range[1]}`);
      ranges.push(range);
    });
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const texts: SourceTexts['texts'] = [];
  for (const [start, end] of ranges) {
    const last = texts.at(-1);
    if (!last || start >= last[0] + last[1].length) texts.push([start, code.slice(start, end)]);
  }
  return { key: fileKey, texts };
}
