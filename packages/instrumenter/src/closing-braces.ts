/**
 * c8 (v8-to-istanbul) maps the end of a V8 range through the source map by looking up
 * the column before it, but never one before column 1. A range that ends right before a
 * `}` at the start of a line (the code after an early `return`, up to the end of a
 * top-level function) then maps past that `}`, and c8 gives the `}` line the range's
 * count; without a map the range ends before it (issue 12, item 4). Printed code has
 * such braces wherever the original does (top-level functions, classes, blocks), so
 * each output line that starts with `}` is indented by two spaces, and its column 1
 * maps to the end of the original line before: a range ending at the brace ends there,
 * and one ending after it (the function's own) still covers it.
 */
import { TraceMap, decodedMappings, type EncodedSourceMap } from '@jridgewell/trace-mapping';
import { remapping } from './interop.js';

/** The indentation added before a `}` that starts a line. */
const INDENT = '  ';

type Segment = readonly number[];

/** Code and map as Babel's generator returns them. */
export interface PrintedCode {
  code: string;
  map: EncodedSourceMap;
}

/**
 * A line of printed code with its decoded segments, indented as described above when
 * it starts with a mapped `}` (not of the first original line); undefined when not.
 */
export function indentClosingBrace(line: string, segments: readonly Segment[], sourceLines: readonly string[]): [string, number[][]] | undefined {
  const first = segments[0];
  if (!line.startsWith('}') || first?.[0] !== 0 || first.length < 4 || first[2]! === 0) return undefined;
  const before = first[2]! - 1;
  const shifted = segments.map(([column, ...rest]) => [column! + INDENT.length, ...rest]);
  return [INDENT + line, [[INDENT.length - 1, first[1]!, before, sourceLines[before]?.length ?? 0], ...shifted]];
}

/**
 * `printed` (made from `source`, of one source file) with every line that starts with a
 * mapped `}` indented as described above; the same object when there is none.
 */
export function indentClosingBraces(printed: PrintedCode, source: string): PrintedCode {
  const lines = printed.code.split('\n');
  const mappings = decodedMappings(new TraceMap(printed.map)).map((segments) => [...segments] as Segment[]);
  const sourceLines = source.split('\n');
  let changed = false;
  lines.forEach((line, index) => {
    const indented = indentClosingBrace(line, mappings[index] ?? [], sourceLines);
    if (!indented) return;
    [lines[index], mappings[index]] = indented;
    changed = true;
  });
  if (!changed) return printed;
  const encoded = remapping({ ...printed.map, mappings: mappings as number[][][] } as unknown as EncodedSourceMap, () => null);
  return { code: lines.join('\n'), map: { ...printed.map, mappings: encoded.mappings as string } };
}

/**
 * Under V8 coverage, `printed` with a space before each line that starts with a mapped
 * token and has an unmapped point after it (see coverage-hints.ts): v8-to-istanbul
 * maps a range starting at an unmapped point to the start of its line when that start
 * maps (a one-line recursive function: the block of its epilogue's `if`), and drops it
 * when that start maps nowhere, as the column before the first token now does.
 */
export function indentUnmappedLines(printed: PrintedCode): PrintedCode {
  const lines = printed.code.split('\n');
  const mappings = decodedMappings(new TraceMap(printed.map)).map((segments) => [...segments] as Segment[]);
  let changed = false;
  lines.forEach((line, index) => {
    const segments = mappings[index] ?? [];
    if (segments[0]?.[0] !== 0 || segments[0].length < 4 || !segments.some((segment) => segment.length === 1)) return;
    lines[index] = ` ${line}`;
    mappings[index] = segments.map(([column, ...rest]) => [column! + 1, ...rest]);
    changed = true;
  });
  if (!changed) return printed;
  const encoded = remapping({ ...printed.map, mappings: mappings as number[][][] } as unknown as EncodedSourceMap, () => null);
  return { code: lines.join('\n'), map: { ...printed.map, mappings: encoded.mappings as string } };
}
