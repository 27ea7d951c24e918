/** A source map as Babel's generator returns it. */
export interface SourceMapObject {
  mappings: string;
}

/**
 * `map` with one more generated line, the line of the `sourceMappingURL` comment after
 * the code's last line, mapped to where the last mapping of the code points (`AAAA`:
 * generated column 0, every other field relative to the previous segment, so the same
 * source, line and column). V8 reports a module's range up to the end of the file,
 * comment included, and c8 drops a range whose end maps nowhere (issue 12).
 */
function throughCommentLine<T extends SourceMapObject>(map: T, code: string): T {
  if (!/[A-Za-z0-9+/]{4}/.test(map.mappings)) return map;
  const codeLines = code.split('\n').length;
  const encodedLines = map.mappings.split(';').length;
  return { ...map, mappings: `${map.mappings}${';'.repeat(Math.max(1, codeLines - encodedLines + 1))}AAAA` };
}

/**
 * The `sourceMappingURL` comment carrying the map of `code` inline, on a line of its own
 * after it. `asIs`: the map does not reach that line, as tsx's maps of the code it
 * compiles do not (we compile TS as tsx does, see transform.ts).
 */
export function inlineMap(map: SourceMapObject, code: string, asIs = false): string {
  const json = JSON.stringify(asIs ? map : throughCommentLine(map, code));
  return `\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(json).toString('base64')}`;
}
