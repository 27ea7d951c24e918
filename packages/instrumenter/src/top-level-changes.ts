/**
 * What instrumenting the top-level code (`topLevel`) changed outside the profiled
 * functions, for splice.ts (issue 13, cause 1): the probes, prologue and epilogue
 * inserted into statement lists are spliced in between the original statements, and
 * only a statement whose own structure changed (a branch wrapped in a block, a loop
 * body relabelled) is printed again, so that the rest of the top-level code, and every
 * function's and class's text in it, stays as written.
 */
import * as t from '@babel/types';
import { rangeOf, walk } from './source-keys.js';

/** The children of each original node, by visitor key, before instrumenting. */
export type Snapshot = Map<t.Node, Map<string, unknown>>;

/** Generated statements inserted at `at`; `separator` goes first (`;` after a statement without one, or a line break). */
export interface Insertion {
  at: number;
  separator: '' | ';' | '\n';
  statements: t.Statement[];
}

/** An original range `[start, end)` printed again as `node` (the original node, or what replaced it). */
export interface Reprint {
  start: number;
  end: number;
  node: t.Node;
}

/**
 * An original statement `hole` (at `[start, end)`) wrapped in generated code `node` (a
 * block around a branch with its probe, a loop body relabelled for its `continue`s):
 * the code before and after it is inserted around its text.
 */
export interface Wrap extends Reprint {
  hole: t.Statement;
}

/** What changed, and the printed nodes, whose functions the register call keys (see source-keys.ts). */
export interface TopLevelChanges {
  insertions: Insertion[];
  reprints: Reprint[];
  wraps: Wrap[];
}

/** Copies the child fields of every node under `root` (lists copied: they are edited in place). */
export function snapshotTree(root: t.Node): Snapshot {
  const snapshot: Snapshot = new Map();
  const visit = (node: t.Node): void => {
    const fields = new Map<string, unknown>();
    snapshot.set(node, fields);
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      fields.set(key, Array.isArray(value) ? [...value] : value);
      for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) visit(child);
    }
  };
  visit(root);
  return snapshot;
}

function isNode(value: unknown): value is t.Node {
  return typeof value === 'object' && value !== null && 'type' in value;
}

/** Lists of statements, where generated statements can go between the original ones. */
function isStatementList(node: t.Node, key: string): boolean {
  return (key === 'body' && (t.isProgram(node) || t.isBlockStatement(node) || t.isStaticBlock(node))) || (key === 'consequent' && t.isSwitchCase(node));
}

/** Whether `now` is `old` with statements that were not in the original inserted. */
function onlyInsertions(old: readonly unknown[], now: readonly unknown[], snapshot: Snapshot): boolean {
  let next = 0;
  for (const item of now) {
    if (item === old[next]) next++;
    else if (!isNode(item) || snapshot.has(item)) return false;
  }
  return next === old.length;
}

/** The insertions that turned the original list `old` into `now` (see {@link onlyInsertions}). */
function insertionsOf(old: readonly t.Statement[], now: readonly t.Statement[], code: string, owner: t.Node): Insertion[] {
  const insertions: Insertion[] = [];
  let next = 0;
  let pending: t.Statement[] = [];
  const flush = (at: number, separator: Insertion['separator']): void => {
    if (pending.length > 0) insertions.push({ at, separator, statements: pending });
    pending = [];
  };
  const after = (statement: t.Statement): [number, Insertion['separator']] => {
    const end = rangeOf(statement)![1];
    return [end, code[end - 1] === ';' ? '' : ';'];
  };
  for (const statement of now) {
    if (statement !== old[next]) {
      pending.push(statement);
      continue;
    }
    flush(rangeOf(statement)![0], next === 0 ? '' : after(old[next - 1]!)[1]);
    next++;
  }
  if (old.length > 0) flush(...after(old.at(-1)!));
  else if (t.isProgram(owner)) flush(code.length, '\n');
  else flush(rangeOf(owner)![1] - 1, '');
  return insertions;
}

function sameList(old: readonly unknown[], now: unknown): boolean {
  return Array.isArray(now) && now.length === old.length && now.every((item, i) => item === old[i]);
}

/** Whether the change of `node`'s field from `old` to `now` can be spliced (else `node` is printed again). */
function spliceable(node: t.Node, key: string, old: unknown, now: unknown, snapshot: Snapshot): boolean {
  if (Array.isArray(old)) {
    if (sameList(old, now)) return true;
    return isStatementList(node, key) && onlyInsertions(old, now as unknown[], snapshot) && (old.length > 0 || t.isProgram(node));
  }
  // A statement replaced by another (a branch wrapped in a block) is printed in its place.
  return now === old || (isNode(old) && isNode(now) && t.isStatement(old) && t.isStatement(now) && rangeOf(old) !== undefined);
}

/** `into` with the changes of `from` added. */
function merge(into: TopLevelChanges, from: TopLevelChanges): void {
  into.insertions.push(...from.insertions);
  into.reprints.push(...from.reprints);
  into.wraps.push(...from.wraps);
}

/** Whether `node` is `inner` or has it under it. */
function contains(node: t.Node, inner: t.Node): boolean {
  let found = false;
  walk(node, (child) => {
    found ||= child === inner;
  });
  return found;
}

/**
 * The changes under `root` (the program) since `snapshot`; the nodes of `opaque` (the
 * profiled functions, printed whole) are not looked into, those of `placed` (switchable
 * twins, which splice.ts places) are left out.
 */
export function topLevelChanges(root: t.Program, snapshot: Snapshot, { opaque, placed }: Record<'opaque' | 'placed', ReadonlySet<t.Node>>, code: string): TopLevelChanges {
  // The changes under `node`; undefined when `node` itself must be printed again.
  const visit = (node: t.Node): TopLevelChanges | undefined => {
    const changes: TopLevelChanges = { insertions: [], reprints: [], wraps: [] };
    const fields = snapshot.get(node);
    if (!fields || opaque.has(node)) return changes;
    const current = Object.fromEntries(
      [...fields.keys()].map((key) => {
        const value = (node as unknown as Record<string, unknown>)[key];
        return [key, Array.isArray(value) ? value.filter((item) => !placed.has(item as t.Node)) : value];
      }),
    );
    if (![...fields].every(([key, old]) => spliceable(node, key, old, current[key], snapshot))) return undefined;
    for (const [key, old] of fields) {
      const now = current[key];
      if (!Array.isArray(old) && old !== now) {
        const [start, end] = rangeOf(old as t.Node)!;
        if (!contains(now as t.Node, old as t.Node)) {
          changes.reprints.push({ start, end, node: now as t.Node });
          continue;
        }
        changes.wraps.push({ start, end, node: now as t.Node, hole: old as t.Statement });
      }
      if (Array.isArray(old) && !sameList(old, now)) changes.insertions.push(...insertionsOf(old as t.Statement[], now as t.Statement[], code, node));
      for (const item of Array.isArray(old) ? old : [old]) {
        if (!isNode(item)) continue;
        const inner = visit(item);
        const range = rangeOf(item);
        if (inner) merge(changes, inner);
        else if (range) changes.reprints.push({ start: range[0], end: range[1], node: item });
        else return undefined;
      }
    }
    return changes;
  };
  const range = rangeOf(root);
  return visit(root) ?? { insertions: [], reprints: range ? [{ start: range[0], end: range[1], node: root }] : [], wraps: [] };
}
