import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { IGNORE_FILE_PRAGMA } from './constants.js';
import { traverse } from './interop.js';
import { parseSource } from './parse.js';
import { describeFunction, isMarked, type SelectedFunction } from './select.js';

/** What the report shows of a profiled function besides its lines. */
export type Listed = Pick<SelectedFunction, 'name' | 'line'>;

/** A function of a source: where it starts and ends (Babel's lines and columns). */
export interface FunctionSpan {
  start: { line: number; column: number };
  end: { line: number; column: number };
  /** Profiled: its name and the first line of its listing (its pragma's, SPEC §5); else undefined. */
  listed: Listed | undefined;
}

const lineOf = (node: t.Node, end?: boolean): number => (end ? node.loc!.end.line : node.loc!.start.line);

/**
 * The functions of `code` in source order (an enclosing function before the ones it
 * contains), each with whether `instrument()` would profile it, its name and where its listing starts (`// @profile`, `all`,
 * `// linecount-ignore-next`, `// linecount-ignore-file`: SPEC §2). For code compiled
 * before it is instrumented, whose comments the compiler dropped: see `select` in
 * ProgramOptions.
 */
export function functionSpans(code: string, filename: string, all: boolean): FunctionSpan[] {
  const ast = parseSource(code, filename);
  const ignored = ast.comments?.some((comment) => IGNORE_FILE_PRAGMA.test(comment.value)) ?? false;
  const spans: FunctionSpan[] = [];
  traverse(ast, {
    noScope: true,
    Function(path: NodePath<t.Function>) {
      const { loc } = path.node;
      if (!loc) return;
      const profiled = !ignored && isMarked(path, all);
      const { name, line } = profiled ? describeFunction(path, { lineOf, nameOf: (id) => id.name }) : { name: '', line: 0 };
      spans.push({ start: loc.start, end: loc.end, listed: profiled ? { name, line } : undefined });
    },
  });
  return spans;
}
