import path from 'node:path';
import { isValidIdentifier } from '@babel/types';
import { TraceMap, traceSegment, type SourceMapInput } from '@jridgewell/trace-mapping';
import { LINE_TERMINATOR } from '@linecount/runtime';

/** A position in the code being instrumented, as Babel numbers it (line from 1, column from 0). */
export interface Position {
  line: number;
  column: number;
}

/** A line of an original source file. */
export interface OriginalLine {
  /** Absolute path of the original file. */
  file: string;
  line: number;
}

/**
 * Where the code being instrumented comes from: itself, or the original sources of its
 * input source map (a bundle's many files, a minified file's lines). Statements are
 * located by line and column, so each statement of a minified line finds its own
 * original line (issue #12, item 7).
 */
export interface OriginalPositions {
  /** The file the results name when no position says otherwise: the first source of the map, or the file itself. */
  readonly file: string;
  /** The file being instrumented (absolute), where code the map says nothing about is reported. */
  readonly generated: string;
  /** The original line of `position`; undefined when the map says nothing about it. */
  locate(position: Position): OriginalLine | undefined;
  /**
   * The original name of the identifier that starts at `position`: the name the map
   * records (a minifier's renaming), else the identifier at the original position in the
   * map's source text (a bundler's renaming of a class); undefined when neither says.
   */
  nameAt(position: Position): string | undefined;
  /** The text of `file` (absolute): the map's `sourcesContent`, or the code itself without a map. */
  sourceOf(file: string): string | undefined;
}

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*/u;

function toPath(source: string): string {
  return source.startsWith('file://') ? new URL(source).pathname : path.resolve(source);
}

/** Identity: the code is its own original. */
function identity(file: string, code: string): OriginalPositions {
  return {
    file,
    generated: file,
    locate: ({ line }) => ({ file, line }),
    nameAt: () => undefined,
    sourceOf: (other) => (other === file ? code : undefined),
  };
}

/**
 * Creates the {@link OriginalPositions} of `code`.
 * @param filename Path of the file being instrumented (sources of the map resolve against it).
 * @param code Its text.
 * @param inputSourceMap Its map to the original sources, if any.
 */
export function createOriginalPositions(filename: string, code: string, inputSourceMap: SourceMapInput | null | undefined): OriginalPositions {
  const absolute = path.resolve(filename);
  if (!inputSourceMap) return identity(absolute, code);
  const map = new TraceMap(inputSourceMap, absolute);
  const files = map.resolvedSources.map((source) => (typeof source === 'string' ? toPath(source) : undefined));
  const first = files.find((file) => file !== undefined);
  const texts = new Map<string, string>([[absolute, code]]);
  const lines = new Map<string, string[]>();
  const identifierAt = (file: string, line: number, column: number): string | undefined => {
    const text = texts.get(file);
    if (text === undefined) return undefined;
    if (!lines.has(file)) lines.set(file, text.split(LINE_TERMINATOR));
    const name = IDENTIFIER.exec(lines.get(file)![line]?.slice(column) ?? '')?.[0];
    // A keyword there (`export { … }` for a bundler's export getter) names nothing.
    return name !== undefined && isValidIdentifier(name) ? name : undefined;
  };
  files.forEach((file, index) => {
    const text = map.sourcesContent?.[index];
    if (file !== undefined && typeof text === 'string') texts.set(file, text);
  });
  return {
    file: first ?? absolute,
    generated: absolute,
    locate({ line, column }) {
      // The segment that covers the column. None, or one without a source: code the tool
      // generated (a bundler's helpers), which the map does not place anywhere.
      const segment = traceSegment(map, line - 1, column);
      const file = segment && segment.length > 1 ? files[segment[1]!] : undefined;
      return file === undefined ? undefined : { file, line: segment![2]! + 1 };
    },
    nameAt({ line, column }) {
      const segment = traceSegment(map, line - 1, column);
      if (!segment || segment.length === 1 || segment[0] !== column) return undefined;
      if (segment.length === 5) return map.names[segment[4]];
      const file = files[segment[1]];
      return file === undefined ? undefined : identifierAt(file, segment[2], segment[3]);
    },
    sourceOf: (file) => texts.get(file),
  };
}
