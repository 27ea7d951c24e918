import type * as t from '@babel/types';
import { cloneNode } from '@babel/types';
import { template } from './interop.js';

/** Options of the probe code's templates: no comments, `%%name%%` placeholders. */
export const TEMPLATE_OPTIONS = { preserveComments: false, syntacticPlaceholders: true } as const;

/** Nodes that fill a template's `%%placeholders%%`, by name; names the template lacks are ignored. */
export type Replacements = Readonly<Record<string, t.Node>>;

/** What a template builds, by `@babel/template` builder. */
interface Shapes {
  statement: t.Statement;
  statements: t.Statement[];
  expression: t.Expression;
}

/** A template instantiated by {@link precompileTemplate}. */
export type Build<T> = (replacements: Replacements) => T;

const PLACEHOLDER = /%%(\w+)%%/g;

/** The stand-in of a placeholder in the prebuilt tree: an identifier no source can have. */
function standInName(placeholder: string): string {
  return `%%${placeholder}%%`;
}

function countStandIns(value: unknown, counts: Map<string, number>): void {
  if (Array.isArray(value)) {
    for (const item of value) countStandIns(item, counts);
  } else if (value !== null && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    const count = node.type === 'Identifier' ? counts.get(node.name as string) : undefined;
    if (count !== undefined) counts.set(node.name as string, count + 1);
    else for (const key of Object.keys(node)) countStandIns(node[key], counts);
  }
}

/** Builds a fresh copy of a prebuilt tree (a node, an array, a plain value). */
type Make = (replacements: Replacements) => unknown;

/** Compiles `value` once into a function that copies it, filling the stand-ins counted in `uses`. */
function compileCopy(value: unknown, uses: ReadonlyMap<string, number>): Make {
  if (Array.isArray(value)) {
    const items = value.map((item) => compileCopy(item, uses));
    return (replacements) => items.map((make) => make(replacements));
  }
  if (value === null || typeof value !== 'object') return () => value;
  const node = value as Record<string, unknown>;
  const count = node.type === 'Identifier' ? uses.get(node.name as string) : undefined;
  if (count !== undefined) {
    const name = (node.name as string).slice(2, -2);
    return count > 1 ? (replacements) => cloneNode(replacements[name]!) : (replacements) => replacements[name];
  }
  const fields = Object.keys(node).map((key) => {
    const field = node[key];
    return [key, field, field !== null && typeof field === 'object' ? compileCopy(field, uses) : undefined] as const;
  });
  return (replacements) => {
    const copy: Record<string, unknown> = {};
    for (const [key, field, make] of fields) copy[key] = make ? make(replacements) : field;
    return copy;
  };
}

/**
 * A `@babel/template` of `shape` built once, with stand-ins for its `%%placeholders%%`
 * (in expression positions), then copied for each call: Babel's instantiation
 * (placeholder checks, a `cloneNode` with its field tables per node) was a tenth of a
 * cold instrumentation (issue #4). The copy is the tree the template makes: every field
 * and `extra`; a placeholder used once takes the given node, one used more often a
 * `cloneNode` of it per use, as `@babel/template` does.
 */
export function precompileTemplate<K extends keyof Shapes>(shape: K, code: string): Build<Shapes[K]> {
  const names = new Set(Array.from(code.matchAll(PLACEHOLDER), (match) => match[1]!));
  const standIns = Object.fromEntries([...names].map((name) => [name, { type: 'Identifier', name: standInName(name) }]));
  const tree = (template[shape](code, TEMPLATE_OPTIONS) as Build<Shapes[K]>)(standIns as Replacements);
  const uses = new Map([...names].map((name) => [standInName(name), 0]));
  countStandIns(tree, uses);
  return compileCopy(tree, uses) as Build<Shapes[K]>;
}
