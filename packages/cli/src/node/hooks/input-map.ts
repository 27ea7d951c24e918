import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCE_MAPPING_URL } from '../../session/constants.js';

/** The fields of a source map (v3) that reporting reads. */
export interface InputSourceMap {
  version: 3;
  file?: string;
  /** Absolute paths, once read by {@link readInputMap}. */
  sources: string[];
  sourcesContent?: (string | null)[];
  names: string[];
  mappings: string;
}

/** Where a file's map comes from, and its text; undefined when there is no `sourceMappingURL`. */
function mapText(source: string, filename: string): { text: string; base: string } | undefined {
  let url: string | undefined;
  for (const match of source.matchAll(SOURCE_MAPPING_URL)) url = match[1];
  if (url === undefined) return undefined;
  const data = /^data:application\/json[^,]*?(;base64)?,(.*)$/s.exec(url);
  if (data) {
    const text = data[1] ? Buffer.from(data[2]!, 'base64').toString('utf8') : decodeURIComponent(data[2]!);
    return { text, base: filename };
  }
  const file = url.startsWith('file:') ? fileURLToPath(url) : path.resolve(path.dirname(filename), decodeURI(url));
  return { text: readFileSync(file, 'utf8'), base: file };
}

function isSourceMap(value: unknown): value is InputSourceMap {
  const map = value as Partial<InputSourceMap> | null;
  return map?.version === 3 && Array.isArray(map.sources) && typeof map.mappings === 'string';
}

/** What {@link readInputMap} found: the map, or why the generated file is reported (a note's message). */
export type InputMapResult = { map: InputSourceMap } | { note: string };

function note(filename: string, message: string): { note: string } {
  return { note: `${path.relative(process.cwd(), filename) || filename}: ${message}; reporting the generated file` };
}

/**
 * The source map of a file about to be instrumented, from its `//# sourceMappingURL=`
 * comment (a file or a data URL), with its sources made absolute (issue #12, item 7).
 * Undefined without one; a note for stderr when the map cannot be read or names a source
 * that is neither in the map nor on disk: then the generated file is reported as it is.
 * @param source The file's text.
 * @param filename Its absolute path.
 */
export function readInputMap(source: string, filename: string): InputMapResult | undefined {
  let found;
  try {
    found = mapText(source, filename);
    if (!found) return undefined;
    const map: unknown = JSON.parse(found.text);
    if (!isSourceMap(map)) throw new Error('not a source map (version 3)');
    const root = path.resolve(path.dirname(found.base), (map as { sourceRoot?: string }).sourceRoot ?? '');
    const sources = map.sources.map((s) => (s.startsWith('file:') ? fileURLToPath(s) : path.resolve(root, s)));
    const missing = sources.find((file, index) => typeof map.sourcesContent?.[index] !== 'string' && !existsSync(file));
    if (missing !== undefined) return note(filename, `its source map names ${path.relative(process.cwd(), missing)}, which is neither in the map nor on disk`);
    return { map: { version: 3, sources, sourcesContent: map.sourcesContent, names: map.names ?? [], mappings: map.mappings } };
  } catch (error) {
    return note(filename, `its source map cannot be read (${(error as Error).message})`);
  }
}
