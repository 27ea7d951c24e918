/**
 * The source map of code compiled from our instrumented output (TypeScript by esbuild,
 * as tsx compiles it). esbuild composes an inline input map by itself, but where a
 * position of its input maps nowhere it emits no mapping, so the mapping before extends
 * over it: the unmapped starts of coverage-hints.ts would map to the user's code, and
 * coverage tools would count our wrappers (issue 12, item 4). Composed here, a position
 * that our map leaves unmapped stays unmapped.
 */
import { TraceMap, decodedMappings, type EncodedSourceMap } from '@jridgewell/trace-mapping';
import { remapping } from './interop.js';

type Segment = readonly number[];

/**
 * `ours` with the start of its code mapped to the start of the original: esbuild maps
 * the code it makes up (the `static { __name(this, "K") }` of `keepNames`) to the start
 * of its input, which is our preamble, left unmapped, where the original's first line
 * starts with an `import`.
 */
function startMapped(ours: EncodedSourceMap): EncodedSourceMap | { mappings: Segment[][] } {
  const lines = decodedMappings(new TraceMap(ours));
  const first = lines[0]?.[0];
  if (first && first[0] === 0 && first.length >= 4) return ours;
  const rest = (lines[0] ?? []).filter((segment) => segment[0] !== 0);
  return { ...ours, mappings: [[[0, 0, 0, 0], ...rest], ...lines.slice(1)] };
}

/**
 * `compiled` with only the file's own source: esbuild adds a virtual source for code it
 * makes up from its options (`<define:import.meta>`, the object tsx defines as
 * `import.meta` of an ES module run as CommonJS); that code maps nowhere.
 */
function ownSourceOnly(compiled: EncodedSourceMap): EncodedSourceMap | { mappings: Segment[][] } {
  const own = compiled.sources.findIndex((source) => source !== null && !/^<.*>$/.test(source));
  if (compiled.sources.length <= 1 || own < 0) return compiled;
  const lines = decodedMappings(new TraceMap(compiled)).map((line) =>
    line.map((segment) => (segment.length === 1 || segment[1] !== own ? [segment[0]] : [segment[0], 0, segment[2]!, segment[3]!, ...segment.slice(4)])),
  );
  const sourcesContent = compiled.sourcesContent && [compiled.sourcesContent[own] ?? null];
  return { ...compiled, sources: [compiled.sources[own]!], ...(sourcesContent && { sourcesContent }), mappings: lines };
}

/** `compiled` (generated code → our output) composed with `ours` (our output → the original source). */
export function composeMaps(compiled: EncodedSourceMap | string, ours: EncodedSourceMap): EncodedSourceMap {
  const outer = typeof compiled === 'string' ? (JSON.parse(compiled) as EncodedSourceMap) : compiled;
  return remapping([ownSourceOnly(outer) as EncodedSourceMap, startMapped(ours) as EncodedSourceMap], () => null) as unknown as EncodedSourceMap;
}
