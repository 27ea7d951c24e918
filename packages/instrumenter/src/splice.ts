/**
 * The instrumented file as the original text with the changed parts replaced (issue 13,
 * cause 1): only the profiled functions (and the code the instrumenter adds: the
 * preamble, switchable twins, the empty `else`s of istanbul) are printed by Babel's
 * generator, and spliced into the original text at their ranges. Code outside profiled
 * functions stays byte for byte as written, so its `Function.prototype.toString()`, the
 * keys computed from it and the columns of its stack frames do not change.
 */
import path from 'node:path';
import * as t from '@babel/types';
import { TraceMap, decodedMappings, type EncodedSourceMap } from '@jridgewell/trace-mapping';
import { generate } from './interop.js';
import { hashText } from '@linecount/runtime';
import { indentClosingBrace } from './closing-braces.js';
import { keyOf, rangeOf, walk } from './source-keys.js';
import { assembleOutput, type Fragment, type Segment, type SplicedOutput } from './spliced-output.js';
import type { Insertion, Reprint, TopLevelChanges, Wrap } from './top-level-changes.js';

export type { SplicedOutput } from './spliced-output.js';

/** What {@link instrumentProgram} changed, for {@link spliceOutput}; filled as it goes. */
export interface SpliceRecord {
  /** Every profiled function, nested ones included. */
  functions: t.Function[];
  /** Switchable twins, and the block or program they were appended to. */
  twins: { declaration: t.FunctionDeclaration; scope: t.Program | t.BlockStatement }[];
  /** The `if`s that got an empty `else` (see coverage-hints.ts). */
  elses: t.IfStatement[];
  /** The preamble, inserted before the first statement, at offset {@link at}. */
  head: t.Statement[];
  at: number;
  /** Statements of the preamble that go on a line of their own after the end. */
  tail: t.Statement[];
  /** The program, for the end of its last original statement. */
  program?: t.Program;
  /** The `texts` of the register call's `SourceTexts`, to which the printed texts are added. */
  texts?: t.ArrayExpression;
  /** With `topLevel`: what instrumenting the top-level code changed outside the profiled functions. */
  topLevel?: TopLevelChanges;
}

/** An empty record. */
export function createSpliceRecord(): SpliceRecord {
  return { functions: [], twins: [], elses: [], head: [], at: 0, tail: [] };
}

/** A change of the original text: `[start, end)` replaced by what `print` returns. */
interface Edit {
  start: number;
  end: number;
  /** Order of insertions at the same offset (see {@link collectEdits}). */
  rank: number;
  kind: 'head' | 'else' | 'insertion' | 'twin' | 'tail' | 'function' | 'reprint';
  /** The printed function or twin. */
  node?: t.Function;
  print(): Fragment;
}

/** A range printed again: a profiled function, or top-level code that changed (see top-level-changes.ts). */
type Region = [number, number, t.Node, 'function' | 'reprint'];

/** The ranges of the profiled functions and `reprints` not inside another's, in order. */
function outermost(nodes: readonly t.Node[], reprints: readonly Reprint[]): Region[] {
  const ranges = nodes.flatMap((node): Region[] => {
    const range = rangeOf(node);
    return range ? [[...range, node, 'function']] : [];
  });
  ranges.push(...reprints.map(({ start, end, node }): Region => [start, end, node, 'reprint']));
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const kept: Region[] = [];
  for (const range of ranges) if (kept.length === 0 || range[0] >= kept.at(-1)![1]) kept.push(range);
  return kept;
}

/** Calls `print` with the comments under `node` that lie outside `[start, end)` taken off (they stay in the original text). */
function withCommentsInside<T>(node: t.Node, start: number, end: number, print: () => T): T {
  const taken: [t.Node, 'leadingComments' | 'trailingComments' | 'innerComments', t.Comment[]][] = [];
  walk(node, (inner) => {
    for (const key of ['leadingComments', 'trailingComments', 'innerComments'] as const) {
      const comments = inner[key];
      if (!comments?.some((c) => c.start !== undefined && c.start !== null && (c.start < start || c.end! > end))) continue;
      taken.push([inner, key, comments]);
      inner[key] = comments.filter((c) => c.start === undefined || c.start === null || (c.start >= start && c.end! <= end));
    }
  });
  try {
    return print();
  } finally {
    for (const [inner, key, comments] of taken) inner[key] = comments;
  }
}

/** Stands for the wrapped statement while its wrapper is printed. */
const HOLE = '__linecount_hole__';

/** The code of `wrap` before and after its original statement, printed on one line. */
function printWrap({ node, hole }: Wrap, code: string, filename: string): [Fragment, Fragment] {
  let parent: t.Node | undefined;
  let key = '';
  walk(node, (inner) => {
    for (const field of t.VISITOR_KEYS[inner.type] ?? []) if ((inner as unknown as Record<string, unknown>)[field] === hole || ((inner as unknown as Record<string, unknown>)[field] as unknown[] | undefined)?.includes?.(hole)) [parent, key] = [inner, field];
  });
  const holder = parent as unknown as Record<string, t.Node | t.Node[]>;
  const marker = t.expressionStatement(t.identifier(HOLE));
  const swap = (from: t.Node, to: t.Node): void => {
    const value = holder[key]!;
    holder[key] = Array.isArray(value) ? value.map((item) => (item === from ? to : item)) : to;
  };
  swap(hole, marker);
  const printed = printNode(node, code, filename, { compact: true });
  swap(marker, hole);
  const at = printed.text.indexOf(`${HOLE};`);
  const after = at + HOLE.length + 1;
  const [line = []] = printed.lines;
  const before: Fragment = { text: printed.text.slice(0, at), lines: [line.filter(([column]) => column! < at)], names: printed.names };
  const rest = line.filter(([column]) => column! >= after).map(([column, ...more]) => [column! - after, ...more]);
  return [before, { text: printed.text.slice(after), lines: [rest], names: printed.names }];
}

/** Generated statements on the line of where they go, after their separator. */
function printInsertion({ separator, statements }: Insertion, code: string, filename: string): Fragment {
  const fragment = printNode(t.program(statements), code, filename, { compact: true });
  return separator === '' ? fragment : prepend(separator, fragment);
}

/**
 * Prints `node` alone as it would be printed in the file, leading newlines dropped; an
 * original node without the comments around it, which stay in the original text.
 */
function printNode(node: t.Node, code: string, filename: string, { original = false, compact = false } = {}): Fragment {
  const { leadingComments, trailingComments } = node;
  if (original) {
    node.leadingComments = null;
    node.trailingComments = null;
  }
  const output = generate(
    node,
    { retainLines: !compact, compact, sourceMaps: true, sourceFileName: path.basename(filename), ...(compact ? { shouldPrintComment: isHint } : {}) },
    code,
  );
  if (original) {
    node.leadingComments = leadingComments ?? null;
    node.trailingComments = trailingComments ?? null;
  }
  const lines = decodedMappings(new TraceMap(output.map as EncodedSourceMap)).map((segments) => [...segments] as Segment[]);
  const skipped = /^\n*/.exec(output.code)![0].length;
  const [first = [], ...rest] = lines.slice(skipped);
  // Code that starts unmapped says so: esbuild, compiling the output again, would extend the mapping before it.
  if (first[0]?.[0] !== 0) first.unshift([0]);
  return { text: output.code.slice(skipped), lines: [first, ...rest], names: output.map?.names ?? [] };
}

/** Coverage hints are the only comments a twin keeps on its one line. */
function isHint(comment: string): boolean {
  return comment.includes('istanbul ignore');
}

/** A fragment of plain text, its first character mapped to `node`'s start (or nowhere). */
function textFragment(text: string, node?: t.Node): Fragment {
  const start = node?.loc?.start;
  return { text, lines: [start ? [[0, 0, start.line - 1, start.column]] : []], names: [] };
}

/** `fragment` after `text`: a `;` before it on its line, or a line break. */
function prepend(text: ';' | '\n', fragment: Fragment): Fragment {
  if (text === '\n') return { ...fragment, text: text + fragment.text, lines: [[], ...fragment.lines] };
  const [first = [], ...rest] = fragment.lines;
  return { ...fragment, text: text + fragment.text, lines: [first.map(([column, ...more]) => [column! + text.length, ...more]), ...rest] };
}

/** End of the program's last statement of the original. */
function lastStatementEnd(program: t.Program): number | undefined {
  const ends = program.body.flatMap((statement) => rangeOf(statement)?.[1] ?? []);
  return ends.length > 0 ? Math.max(...ends) : undefined;
}

/** Whether ` else {}` after `statement` needs a `;` first (its last statement ends without one). */
function needsSemicolon(statement: t.Statement, code: string): boolean {
  if (t.isBlockStatement(statement) || t.isFunctionDeclaration(statement)) return false;
  if (t.isIfStatement(statement)) return statement.alternate ? needsSemicolon(statement.alternate, code) : false;
  if (t.isLoop(statement) && !t.isDoWhileStatement(statement)) return needsSemicolon(statement.body, code);
  if (t.isLabeledStatement(statement) || t.isWithStatement(statement)) return needsSemicolon(statement.body, code);
  const end = rangeOf(statement)?.[1];
  return end === undefined || code[end - 1] !== ';';
}

/** The edits of `record`; those inside a printed function are printed with it. */
function collectEdits(record: SpliceRecord, code: string, filename: string): Edit[] {
  const regions = outermost(record.functions, record.topLevel?.reprints ?? []);
  const inRegion = (offset: number): boolean => regions.some(([start, end]) => start <= offset && offset < end);
  const edits: Edit[] = regions.map(([start, end, node, kind]): Edit => {
    if (kind === 'reprint') return { start, end, rank: 4, kind, print: () => withCommentsInside(node, start, end, () => printNode(node, code, filename)) };
    return { start, end, rank: 4, kind, node: node as t.Function, print: () => printNode(node, code, filename, { original: true }) };
  });
  // At the end of a file without statements (top-level code only), on a line of its own.
  const head = (): Fragment => printNode(t.program(record.head), code, filename);
  if (record.head.length > 0) edits.push({ start: record.at, end: record.at, rank: 0, kind: 'head', print: record.at === code.length && code.length > 0 ? () => prepend('\n', head()) : head });
  // After the `else`s that end where they go, before a function that starts there.
  for (const insertion of record.topLevel?.insertions ?? []) {
    edits.push({ start: insertion.at, end: insertion.at, rank: 1.5, kind: 'insertion', print: () => printInsertion(insertion, code, filename) });
  }
  for (const wrap of record.topLevel?.wraps ?? []) {
    let parts: [Fragment, Fragment] | undefined;
    const part = (index: 0 | 1) => (): Fragment => (parts ??= printWrap(wrap, code, filename))[index];
    // The end of a wrapper goes after those of the statements in it, before the `else` of the statement around it.
    const rank = 1 - (wrap.start - 0.5) / (code.length + 1);
    edits.push({ start: wrap.start, end: wrap.start, rank: 1.5, kind: 'insertion', print: part(0) }, { start: wrap.end, end: wrap.end, rank, kind: 'insertion', print: part(1) });
  }
  for (const node of record.elses) {
    const range = rangeOf(node);
    if (!range || inRegion(range[0])) continue;
    const text = `${needsSemicolon(node.consequent, code) ? ';' : ''} else {}`;
    // An inner `if` ends where the outer one does: its `else` goes first.
    edits.push({ start: range[1], end: range[1], rank: 1 - range[0] / (code.length + 1), kind: 'else', print: () => textFragment(text, node) });
  }
  for (const { declaration, scope } of record.twins) {
    // On one line, at the end of its block (before the `}`) or after the file's last statement.
    const blockEnd = rangeOf(scope)?.[1];
    const at = t.isProgram(scope) ? lastStatementEnd(scope) : blockEnd === undefined ? undefined : blockEnd - 1;
    if (at === undefined || (t.isBlockStatement(scope) && inRegion(at))) continue;
    edits.push({ start: at, end: at, rank: 2, kind: 'twin', node: declaration, print: () => prepend(';', printNode(declaration, code, filename, { compact: true })) });
  }
  const end = record.program && lastStatementEnd(record.program);
  for (const statement of record.tail) {
    // On a line after the last when it maps there; else (a start that maps nowhere)
    // after the last statement: a map drops a line's unmapped first segment.
    const print = (): Fragment => printNode(statement, code, filename, { compact: true });
    if (statement.loc?.start.line !== undefined || end === undefined) edits.push({ start: code.length, end: code.length, rank: 3, kind: 'tail', print: () => prepend('\n', print()) });
    else edits.push({ start: end, end, rank: 3, kind: 'tail', print: () => prepend(';', print()) });
  }
  return edits.sort((a, b) => a.start - b.start || a.rank - b.rank);
}

/**
 * Adds what identifies the printed text of a function or twin to the register call's
 * texts (see source-keys.ts): its quoted key, the key's offset, its length and hash.
 */
function addPrintedText(texts: t.ArrayExpression | undefined, edit: Edit, fragment: Fragment): void {
  const key = edit.node && keyOf(edit.node);
  const offset = key === undefined ? -1 : fragment.text.indexOf(`"${key}"`);
  if (!texts || offset < 0) return;
  const printed = [t.stringLiteral(`"${key}"`), t.numericLiteral(offset), t.numericLiteral(fragment.text.length), t.numericLiteral(hashText(fragment.text))];
  if (edit.kind === 'twin') {
    texts.elements.push(t.arrayExpression([t.numericLiteral(-1), t.stringLiteral(''), ...printed]));
    return;
  }
  const entry = texts.elements.find((element) => t.isArrayExpression(element) && (element.elements[0] as t.NumericLiteral).value === edit.start);
  (entry as t.ArrayExpression | undefined)?.elements.push(...printed);
}

/** `fragment` with the closing braces that start its lines indented for c8 (see closing-braces.ts). */
function indentBraces(fragment: Fragment, sourceLines: readonly string[]): Fragment {
  const textLines = fragment.text.split('\n');
  const lines = [...fragment.lines];
  for (let index = 1; index < textLines.length; index++) {
    const indented = indentClosingBrace(textLines[index]!, lines[index] ?? [], sourceLines);
    if (indented) [textLines[index], lines[index]] = indented;
  }
  return { ...fragment, text: textLines.join('\n'), lines };
}

/**
 * The original `code` with the edits of `record` spliced in, and its source map (of this
 * step: identity over the original text, the generator's over printed parts). The
 * preamble is printed last: its register call carries the printed texts of the others.
 * `braces`: indent the printed closing braces for c8.
 */
export function spliceOutput(record: SpliceRecord, code: string, filename: string, braces: boolean): SplicedOutput {
  const edits = collectEdits(record, code, filename);
  const sourceLines = code.split('\n');
  const fragments = new Map<Edit, Fragment>();
  for (const edit of edits) {
    if (edit.kind === 'head') continue;
    const fragment = braces ? indentBraces(edit.print(), sourceLines) : edit.print();
    if (edit.kind === 'function' || edit.kind === 'twin') addPrintedText(record.texts, edit, fragment);
    fragments.set(edit, fragment);
  }
  return assembleOutput(
    code,
    edits.map((edit) => ({ start: edit.start, end: edit.end, fragment: fragments.get(edit) ?? edit.print() })),
  );
}
