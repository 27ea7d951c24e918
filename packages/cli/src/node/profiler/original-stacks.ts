import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GREATEST_LOWER_BOUND, TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { DEBUG_ENV, SOURCE_MAPPING_URL } from '../../session/constants.js';
import { leaveHookFramesOutWhen, programFrames } from '../hooks/hook-frames.js';
import { transformIfMarked } from '../hooks/load-transform.js';
import type { TransformOptions } from '../hooks/transform-inputs.js';
import { bundlePath } from '../../bundle-paths.js';
import { installedRuntime } from './lazy-runtime.js';

type PrepareStackTrace = (error: Error, trace: NodeJS.CallSite[]) => unknown;

/** Maps of the instrumented files (undefined: the file could not be mapped), by path. */
const maps = new Map<string, TraceMap | undefined>();

/** The inline map of the code the hooks made of `file` (the disk cache usually has it). */
function mapOf(file: string, format: 'module' | 'commonjs', options: TransformOptions): TraceMap | undefined {
  if (maps.has(file)) return maps.get(file);
  let map: TraceMap | undefined;
  try {
    const code = transformIfMarked(readFileSync(file, 'utf8'), file, format, options) ?? '';
    let url: string | undefined;
    for (const match of code.matchAll(SOURCE_MAPPING_URL)) url = match[1];
    const data = url?.slice(url.indexOf(',') + 1);
    if (data) map = new TraceMap(Buffer.from(data, 'base64').toString('utf8'), file);
  } catch {
    map = undefined;
  }
  maps.set(file, map);
  return map;
}

/**
 * The frame, at its position in the file on disk when it runs in an instrumented file:
 * probes moved columns, lines stayed (`retainLines`).
 */
function originalSite(site: NodeJS.CallSite, instrumented: ReadonlySet<string>, options: TransformOptions): NodeJS.CallSite {
  const name = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (!name || line === null || column === null || site.isEval()) return site;
  const file = name.startsWith('file:') ? fileURLToPath(name) : name;
  if (!instrumented.has(file)) return site;
  const map = mapOf(file, name.startsWith('file:') ? 'module' : 'commonjs', options);
  const found = map && originalPositionFor(map, { line, column: column - 1, bias: GREATEST_LOWER_BOUND });
  // A map to other files (the file's own source map): Node without source maps shows the file's positions, which only lines keep.
  if (!found || found.line !== line || found.source !== file || found.column === null) return site;
  const original = found.column + 1;
  const text = String(site).replace(/:\d+:\d+(\)?)$/, `:${line}:${original}$1`);
  return new Proxy(site, {
    get(target, key) {
      if (key === 'toString') return () => text;
      if (key === 'getColumnNumber') return () => original;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The bundles that hold linecount's load hooks, whose frames a `require` shows in stacks. */
const HOOK_FILES = new Set([bundlePath('join'), bundlePath('profiler')]);

/** Whether a frame is one of linecount's load hooks (kept with LINECOUNT_DEBUG). */
function isHookFrame(site: NodeJS.CallSite): boolean {
  const name = site.getFileName();
  return name !== undefined && name !== null && HOOK_FILES.has(name) && !process.env[DEBUG_ENV];
}

/**
 * Makes error stacks show what Node shows without linecount, where Node applies no
 * source maps (issue #12, item 9), without enabling them for other files: the positions
 * of instrumented code in the file on disk, and no frame of linecount's `require` hook
 * (a module's top-level code runs under it). Node formats stacks with
 * `Error.prepareStackTrace`, its own `ErrorPrepareStackTrace` unless the program set
 * another: while source maps are off, reading it gives ours, which hands Node's the
 * frames without ours and with the columns of instrumented code mapped back. With source
 * maps on (tsx, `--enable-source-maps`), Node maps the frames itself, with the inline
 * maps of the instrumented code.
 * @param options The transform settings of the session, to find the instrumented code again.
 */
export function installOriginalStacks(options: TransformOptions): void {
  const nodeDefault = Error.prepareStackTrace;
  // Without them (Node < 20.7), which formatter Node uses cannot be told.
  if (typeof nodeDefault !== 'function' || typeof process.sourceMapsEnabled !== 'boolean') return;
  let formatting = false;
  const prepare: PrepareStackTrace = (error, trace) => {
    if (formatting) return nodeDefault(error, trace);
    formatting = true;
    try {
      const instrumented = new Set((installedRuntime()?.files ?? []).map((file) => file.table.file));
      // Captured with room for the hook's frames (hook-frames.ts): cut back to the program's limit.
      const sites = programFrames(trace.filter((site) => !isHookFrame(site)), trace.filter(isHookFrame).length);
      return nodeDefault(error, sites.map((site) => originalSite(site, instrumented, options)));
    } finally {
      formatting = false;
    }
  };
  let current: unknown = nodeDefault;
  leaveHookFramesOutWhen(() => current === nodeDefault && !process.sourceMapsEnabled && !process.env[DEBUG_ENV]);
  Object.defineProperty(Error, 'prepareStackTrace', {
    configurable: true,
    get: () => (current !== nodeDefault || process.sourceMapsEnabled ? current : prepare),
    set: (value: unknown) => {
      current = value;
    },
  });
}
