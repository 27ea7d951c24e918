import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { FileTable } from '@linecount/runtime';
import { unmapStarts, type SourcePosition } from './coverage-hints.js';
import type { FileState } from './instrument-state.js';
import type { ProgramOptions } from './program.js';
import type { TopLevelChanges } from './top-level-changes.js';

/** `import "specifier"`, or `require("specifier")` in a CommonJS file (no import/export, uses require/module/exports). */
function runtimeImportOf(program: NodePath<t.Program>, specifier: string): t.Statement {
  const source = t.stringLiteral(specifier);
  const isModule = program.node.body.some((s) => t.isImportDeclaration(s) || t.isExportDeclaration(s));
  const isCommonJs = !isModule && ['require', 'module', 'exports'].some((name) => program.scope.hasGlobal(name));
  return isCommonJs ? t.expressionStatement(t.callExpression(t.identifier('require'), [source])) : t.importDeclaration([], source);
}

/**
 * Applies the unmapped starts of `file` (see coverage-hints.ts) and moves the preamble's
 * function to a line of its own after the file's last, mapped to that line, which the
 * original does not have: V8 reports the function to c8 whatever comments it carries,
 * v8-to-istanbul maps a point that maps nowhere to the start of its line when that
 * start maps somewhere (every line of top-level code), and drops a range that starts
 * after the original's end. The preamble's first statement maps to the file's start,
 * unless the output is compiled again (see `compiledAfter`).
 */
function unmapGenerated(program: NodePath<t.Program>, file: FileState, preamble: readonly t.Statement[], compiledAfter: boolean): t.Statement[] {
  const fileStart: SourcePosition = { line: 1, column: 0, index: 0 };
  if (compiledAfter) file.unmapped.push(...preamble.map((node) => ({ node, end: fileStart })));
  else preamble[0]!.loc = { start: fileStart, end: fileStart, filename: '', identifierName: undefined };
  const end = program.node.loc?.end;
  const afterEnd: SourcePosition = { line: (end?.line ?? 1) + 1, column: 0, index: (end?.index ?? 0) + 1 };
  const functions: t.Statement[] = preamble.filter((statement) => t.isFunctionDeclaration(statement));
  program.node.body = [...program.node.body.filter((statement) => !functions.includes(statement)), ...functions];
  for (const fn of functions) fn.loc = { start: afterEnd, end: afterEnd, filename: '', identifierName: undefined };
  unmapStarts(file.unmapped);
  return functions;
}

/** What {@link addPreamble} registers, and where it goes. */
export interface PreambleParts {
  table: FileTable;
  /** The original texts of the code printed again (see source-keys.ts). */
  sources: t.ObjectExpression;
  /** The original's first statement, before which the preamble goes. */
  first: t.Statement | undefined;
  /** The top-level code was instrumented and spliced (see `topLevel`); `changes`, if it changed. */
  snapshot: boolean;
  changes: TopLevelChanges | undefined;
}

/**
 * Puts the preamble that registers the file's functions first in the program (after the
 * runtime's import, if any), and records it in `options.splice`.
 * @returns The statements moved after the original's end (see `unmapGenerated`).
 */
export function addPreamble(program: NodePath<t.Program>, file: FileState, options: ProgramOptions, parts: PreambleParts): t.Statement[] {
  const { first, changes } = parts;
  const added = [...(options.runtimeImport ? [runtimeImportOf(program, options.runtimeImport)] : []), ...file.kit.preamble(parts.table, parts.sources)];
  // The file's leading comments stay first: compilers read pragmas there (`@jsx h`, `@jsxImportSource`).
  if (first?.leadingComments && !options.splice) {
    added[0]!.leadingComments = [...first.leadingComments, ...(added[0]!.leadingComments ?? [])];
    first.leadingComments = null;
  }
  program.node.body.unshift(...added);
  const tail = options.unmapGenerated ? unmapGenerated(program, file, added, options.compiledAfter ?? false) : [];
  if (options.splice) {
    const texts = (parts.sources.properties[1] as t.ObjectProperty).value as t.ArrayExpression;
    const at = first?.loc?.start.index ?? (parts.snapshot ? options.code.length : 0);
    Object.assign(options.splice, { head: added.filter((s) => !tail.includes(s)), tail, at, texts, program: program.node, ...(changes ? { topLevel: changes } : {}) });
  }
  return tail;
}
