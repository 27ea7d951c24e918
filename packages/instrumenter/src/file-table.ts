import { LINE_TERMINATOR, type FileTable, type FunctionTable } from '@linecount/runtime';
import type { OriginalPositions } from './original-positions.js';
import type { InstrumentedFunction } from './program.js';

/** A profiled function and its original file (absolute): the file itself, or a source of its input map. */
export interface OriginalFunction extends InstrumentedFunction {
  file: string;
}

/** The lines of `functions` in `source`, every other line empty: line numbers stay, the rest of the file is not copied. */
function profiledLines(source: string, functions: readonly InstrumentedFunction[]): string {
  const lines = source.split(LINE_TERMINATOR);
  const kept: string[] = new Array<string>(Math.max(0, ...functions.map((fn) => fn.endLine))).fill('');
  for (const fn of functions) for (let line = fn.line; line <= fn.endLine; line++) kept[line - 1] = lines[line - 1] ?? '';
  return kept.join('\n');
}

/**
 * The results' table of the file (SPEC §6): functions from other original files than the
 * first name theirs; with `embedSource`, the profiled lines of each original file.
 */
export function fileTable(functions: readonly OriginalFunction[], positions: OriginalPositions, embedSource: boolean): FileTable {
  const file = functions[0]!.file;
  const table: FileTable = {
    file,
    functions: functions.map((fn): FunctionTable => (fn.file === file ? [fn.name, fn.line, fn.endLine, fn.lines] : [fn.name, fn.line, fn.endLine, fn.lines, fn.file])),
  };
  if (!embedSource) return table;
  const sources: Record<string, string> = {};
  for (const origin of new Set(functions.map((fn) => fn.file))) {
    const text = positions.sourceOf(origin);
    if (text === undefined) continue;
    const lines = profiledLines(text, functions.filter((fn) => fn.file === origin));
    if (origin === file) table.source = lines;
    else sources[origin] = lines;
  }
  if (Object.keys(sources).length > 0) table.sources = sources;
  return table;
}
