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

/** `compiled` (generated code → our output) composed with `ours` (our output → the original source). */
export function composeMaps(compiled: EncodedSourceMap | string, ours: EncodedSourceMap): EncodedSourceMap {
  const outer = typeof compiled === 'string' ? (JSON.parse(compiled) as EncodedSourceMap) : compiled;
  return remapping([outer, startMapped(ours) as EncodedSourceMap], () => null) as unknown as EncodedSourceMap;
}
