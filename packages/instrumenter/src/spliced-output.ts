/**
 * Assembles the original text and printed fragments into one output with its source
 * map: identity (a segment per token, so that stack-frame columns map exactly) over the
 * original text, the generator's own mappings over the fragments (see splice.ts).
 */
import { LINE_TERMINATOR } from '@linecount/runtime';

/** A decoded source-map segment: `[column]` or `[column, source, line, column(, name)]`. */
export type Segment = number[];

/** Printed code with its decoded mappings (line 0: the line it starts on) and names. */
export interface Fragment {
  text: string;
  lines: Segment[][];
  names: readonly string[];
}

/** A fragment replacing `[start, end)` of the original text (inserted when they are equal). */
export interface Splice {
  start: number;
  end: number;
  fragment: Fragment;
}

/** The output and its decoded mappings to the original text. */
export interface SplicedOutput {
  code: string;
  mappings: Segment[][];
  names: string[];
}

/** A line terminator (ECMA-262, as Babel and V8 count lines), a word, or another non-space character. */
const TOKEN = /\r\n|[\n\r\u2028\u2029]|[\w$]+|[^\s\w$]/g;

const TERMINATORS = new RegExp(LINE_TERMINATOR.source, 'g');

function lineStartsOf(code: string): number[] {
  const starts = [0];
  for (const match of code.matchAll(TERMINATORS)) starts.push(match.index + match[0].length);
  return starts;
}

/** Index of the line holding `offset` (`starts` sorted, `starts[0]` is 0). */
function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function countBreaks(text: string, terminators: RegExp): number {
  return text.match(terminators)?.length ?? 0;
}

/** A fragment that replaces `[start, end)` ends on the line the original's end was on. */
function padded(code: string, { start, end, fragment }: Splice): Fragment {
  const missing = countBreaks(code.slice(start, end), TERMINATORS) - countBreaks(fragment.text, /\n/g);
  return missing > 0 ? { ...fragment, text: fragment.text + '\n'.repeat(missing) } : fragment;
}

/** The original `code` with `splices` (sorted, not overlapping) applied; `source` is index 0 of the mappings. */
export function assembleOutput(code: string, splices: readonly Splice[]): SplicedOutput {
  const starts = lineStartsOf(code);
  const parts: string[] = [];
  const mappings: Segment[][] = [[]];
  const names: string[] = [];
  let column = 0;
  const copy = (from: number, to: number): void => {
    let line = lineAt(starts, from);
    let lineStart = starts[line]!;
    let base = from;
    let outBase = column;
    TOKEN.lastIndex = from;
    for (let match = TOKEN.exec(code); match && match.index < to; match = TOKEN.exec(code)) {
      if (/^[\n\r\u2028\u2029]/.test(match[0])) {
        mappings.push([]);
        line++;
        lineStart = base = match.index + match[0].length;
        outBase = 0;
      } else {
        mappings.at(-1)!.push([outBase + match.index - base, 0, line, match.index - lineStart]);
      }
    }
    column = outBase + to - base;
    parts.push(code.slice(from, to));
  };
  const paste = (fragment: Fragment): void => {
    const nameBase = names.length;
    for (const name of fragment.names) names.push(name);
    const shift = (segment: Segment, by: number): Segment =>
      segment.map((value, index) => (index === 0 ? value + by : index === 4 ? value + nameBase : value));
    const textLines = fragment.text.split('\n');
    // One at a time: a long line has more segments than a call takes arguments.
    const line = mappings.at(-1)!;
    for (const segment of fragment.lines[0] ?? []) line.push(shift(segment, column));
    for (let index = 1; index < textLines.length; index++) {
      mappings.push((fragment.lines[index] ?? []).map((segment) => shift(segment, 0)));
    }
    column = textLines.length > 1 ? textLines.at(-1)!.length : column + fragment.text.length;
    parts.push(fragment.text);
  };
  let offset = 0;
  for (const splice of splices) {
    copy(offset, splice.start);
    paste(padded(code, splice));
    offset = splice.end;
  }
  copy(offset, code.length);
  return { code: parts.join(''), mappings, names };
}
