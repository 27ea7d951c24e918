/**
 * Probe code kept out of coverage reports (issue 12, item 4): nyc/istanbul instruments
 * our output after us and c8 reads V8's ranges of it, and both map what they find back
 * to the original source through our source map. Neither may count a statement,
 * branch or function of ours.
 *
 * - istanbul honours `/* istanbul ignore next *\/` on a statement, a function or a
 *   logical expression: every probe statement and the logical operators inside the
 *   probe expressions that wrap `await`/`yield` carry it.
 * - What a hint cannot hide without hiding the user's code inside it (the `try` around a
 *   body, the label that turns `continue` into `break`, the `if` of switchable
 *   functions) and the functions we add (which c8 reports whatever the comments say:
 *   v8-to-istanbul reads its ignore hints in the original source) start at an
 *   unmapped point of the source map. istanbul-lib-source-maps and v8-to-istanbul drop a
 *   range whose start maps to no original position.
 * - istanbul's implicit else of an `if` without `else` has no location, so
 *   istanbul-lib-source-maps drops it from a source-mapped file: under nyc, such an
 *   `if` gets an empty `else` that maps to the `if` (where istanbul's HTML report marks
 *   an implicit else that never ran).
 */
import * as t from '@babel/types';
import { COVERAGE_IGNORE_HINT, PRESERVED_COVERAGE_IGNORE_HINT } from './constants.js';

/** A position in the original source, as Babel's locations hold it. */
export type SourcePosition = t.SourceLocation['start'];

/** A node to start at an unmapped point, and the original position printed after it. */
export interface UnmappedStart {
  node: t.Node;
  end: SourcePosition;
}

function hint(preserved: boolean): t.CommentBlock {
  return { type: 'CommentBlock', value: preserved ? PRESERVED_COVERAGE_IGNORE_HINT : COVERAGE_IGNORE_HINT } as t.CommentBlock;
}

/**
 * Adds the istanbul `ignore next` hint before `node` (a statement or an expression);
 * `preserved`: in the form esbuild keeps (see constants.ts).
 */
export function hideFromCoverage<T extends t.Node>(node: T, preserved = false): T {
  node.leadingComments = [hint(preserved), ...(node.leadingComments ?? [])];
  return node;
}

/**
 * Hints every logical expression of a probe expression, not descending into `keep` (the
 * user's operand): istanbul counts each operand of `a || b` as a branch.
 */
export function hideLogicals(node: t.Node, keep: ReadonlySet<t.Node>, preserved = false): void {
  if (keep.has(node)) return;
  if (t.isLogicalExpression(node)) hideFromCoverage(node, preserved);
  for (const key of t.VISITOR_KEYS[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && 'type' in child) hideLogicals(child as t.Node, keep, preserved);
    }
  }
}

/**
 * Gives each node a location whose start has no line, so that Babel's generator starts
 * an unmapped segment of the source map at its first character, and whose end is
 * `end`, where the mapping resumes. Applied last, right before printing: the
 * instrumenter reads a missing `loc` as "generated code", and only Babel's generator
 * may see these.
 */
export function unmapStarts(nodes: readonly UnmappedStart[]): void {
  for (const { node, end } of nodes) {
    node.loc = { start: nowhere(), end, filename: undefined, identifierName: undefined } as unknown as t.SourceLocation;
  }
}

/** The position of the last character before `end` (a closing brace, of a body or block). */
export function lastCharacter(end: SourcePosition): SourcePosition {
  return { line: end.line, column: Math.max(0, end.column - 1), index: Math.max(0, end.index - 1) };
}

/**
 * Gives an `if` without `else` an empty one located at the `if` (see above); whether it
 * did. Only where istanbul instruments the output: V8 reports an `else` range to c8.
 */
export function addEmptyElse(node: t.IfStatement): boolean {
  if (node.alternate || !node.loc) return false;
  node.alternate = t.blockStatement([]);
  node.alternate.loc = node.loc;
  return true;
}

/** A position that maps nowhere (see {@link unmapStarts}). */
function nowhere(): SourcePosition {
  return { line: undefined, column: 0, index: 0 } as unknown as SourcePosition;
}

/**
 * The blocks of the `if`s of `epilogue`, to start at an unmapped point (see above) and
 * end at one, so that the rest of the epilogue maps nowhere either, and `retainLines`
 * leaves them on their line: V8 reports the block of `if (o) { … }` (only the outermost
 * of overlapping calls closes the activation) to c8 when it ran fewer times than the
 * function, as in a recursive function. Only the map changes: the emitted code, on
 * the hot path, is the same.
 */
export function unmappedBranches(epilogue: readonly t.Statement[]): UnmappedStart[] {
  return epilogue.flatMap((statement) => (t.isIfStatement(statement) ? [{ node: statement.consequent, end: nowhere() }] : []));
}
