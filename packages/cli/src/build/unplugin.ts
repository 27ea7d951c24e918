/**
 * The one bundler-plugin implementation behind `@linecount/profiler/vite`, `/rollup`, `/webpack`
 * and `/esbuild` (SPEC §8): an unplugin over `instrument()`, as thin as the adapters of
 * STYLE.md. It runs before the bundler's TS/JSX compilers (`enforce: 'pre'`), so it
 * instruments the original source and reports its lines; its map is of its own step
 * only, and the bundler composes the chain.
 */
import path from 'node:path';
import { describeInstrumentFailure, instrument, type InstrumentOptions } from '@linecount/instrumenter';
import type { RecursionView } from '@linecount/runtime';
import {
  createUnplugin,
  type FilterPattern,
  type UnpluginBuildContext,
  type UnpluginContext,
  type UnpluginContextMeta,
  type UnpluginOptions,
} from 'unplugin';
import { PRAGMA_HINT, RUNTIME_MODULE_ID } from '../session/constants.js';
import { createSettings, type Config } from '../session/create-settings.js';
import { instrumentOptions } from '../session/settings.js';
import { PACKAGE_DIR, bundlePath } from '../bundle-paths.js';
import type { BrowserProfilingOptions } from '../browser/browser-runtime.js';
import type { BundleRuntimeOptions } from '../browser/bundle-runtime.js';

/** The settings the bundler plugins take (SPEC §3), as a configuration writes them. */
export const PLUGIN_SETTINGS = ['awaitTime', 'sample', 'recursion'] as const;

/**
 * Options of the bundler plugins: the settings of {@link PLUGIN_SETTINGS} (`recursion`:
 * the view of the browser's results; built code run by Node takes the configuration's),
 * and which files to instrument.
 */
export interface LinecountPluginOptions extends Pick<Config, (typeof PLUGIN_SETTINGS)[number]> {
  /** Files to instrument (globs relative to the cwd, or regular expressions). @default JS and TS files: js jsx ts tsx mjs cjs mts cts */
  include?: FilterPattern;
  /** Files never instrumented. @default files under node_modules */
  exclude?: FilterPattern;
  /** Profile every function of the included files, not only `// @profile` ones (SPEC §2). @default false */
  all?: boolean;
}

/** What a bundler-specific plugin (vite.ts) adds to the core. */
export interface PluginExtras {
  /** Passed to `startBrowserProfiling` when the built code runs outside Node. */
  browser?: BrowserProfilingOptions;
}

/**
 * Id of the resolved runtime module: `\0` keeps other plugins (and ours) off it (Rollup's
 * convention); esbuild resolves the module's imports from the directory of its path, so
 * there it is a path in linecount's lib/ (in the plugin's namespace, never read from disk).
 */
function resolvedRuntimeId(framework: UnpluginContextMeta['framework']): string {
  return framework === 'esbuild' ? path.join(path.dirname(bundlePath('bundleRuntime')), 'linecount-virtual-runtime.mjs') : `\0${RUNTIME_MODULE_ID}`;
}

/** `text` as a regular expression that matches it literally. */
export const escapeRegExp = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

const DEFAULT_INCLUDE = /\.[cm]?[jt]sx?$/;
/** The default `exclude`: files under node_modules. */
export const DEFAULT_EXCLUDE = /[\\/]node_modules[\\/]/;
/** Virtual modules, and linecount's own files (the runtime entry, under `all`). */
const ALWAYS_EXCLUDE = [/^\0/, new RegExp(`^${escapeRegExp(PACKAGE_DIR)}`)];

/** The runtime module: starts the runtime entry with the absolute paths of this installation. */
function runtimeModuleCode(extras: PluginExtras, recursion: RecursionView): string {
  const options: BundleRuntimeOptions = { profiler: bundlePath('profiler'), browser: { ...extras.browser, recursion } };
  return `import { startBundleRuntime } from ${JSON.stringify(bundlePath('bundleRuntime'))};\nstartBundleRuntime(${JSON.stringify(options)});\n`;
}

type TransformContext = UnpluginBuildContext & UnpluginContext;

/** The map of the steps before ours: Rollup's and Vite's combined map, or the webpack loader's input map. */
function inputMapOf(context: TransformContext): InstrumentOptions['inputSourceMap'] {
  const rollup = context as Partial<{ getCombinedSourcemap(): InstrumentOptions['inputSourceMap'] }>;
  if (rollup.getCombinedSourcemap) return rollup.getCombinedSourcemap();
  const native = context.getNativeBuildContext?.();
  return native && 'inputSourceMap' in native ? (native.inputSourceMap as InstrumentOptions['inputSourceMap']) : undefined;
}

/** A module id without the query or hash a bundler may have added. */
function fileOf(id: string): string {
  return id.replace(/[?#].*$/, '');
}

/**
 * The plugin's hooks, for `createUnplugin` and for bundler-specific plugins that add
 * their own hooks (vite.ts).
 * @param options The user's options.
 * @param meta The bundler, as unplugin tells it.
 * @param [extras={}] What a bundler-specific plugin adds.
 */
export function createLinecountPlugin(
  options: LinecountPluginOptions = {},
  meta: Pick<UnpluginContextMeta, 'framework'>,
  extras: PluginExtras = {},
): UnpluginOptions {
  const all = options.all ?? false;
  const settings = createSettings({ config: options });
  const runtimeId = resolvedRuntimeId(meta.framework);
  const exclude = [...[options.exclude ?? DEFAULT_EXCLUDE].flat(), ...ALWAYS_EXCLUDE];
  return {
    name: 'linecount',
    enforce: 'pre',
    resolveId: {
      filter: { id: new RegExp(`^${escapeRegExp(RUNTIME_MODULE_ID)}$`) },
      handler: () => runtimeId,
    },
    load: {
      filter: { id: new RegExp(`^${escapeRegExp(runtimeId)}$`) },
      handler: () => runtimeModuleCode(extras, settings.recursion),
    },
    transform: {
      filter: { id: { include: options.include ?? DEFAULT_INCLUDE, exclude }, ...(!all && { code: PRAGMA_HINT }) },
      handler(code, id) {
        const filename = fileOf(id);
        try {
          const result = instrument(code, {
            filename,
            all,
            ...instrumentOptions(settings),
            switchable: true,
            runtimeImport: RUNTIME_MODULE_ID,
            embedSource: true,
            composeInputMap: false,
            inputSourceMap: inputMapOf(this),
          });
          return result.functions.length === 0 ? null : { code: result.code, map: result.map };
        } catch (error) {
          this.warn(`linecount: ${describeInstrumentFailure(filename, error)}; left uninstrumented`);
          return null;
        }
      },
    },
  };
}

/** The plugin for every bundler unplugin supports; `linecount/<bundler>` exports one of them. */
export const linecountUnplugin = createUnplugin((options: LinecountPluginOptions | undefined, meta) => createLinecountPlugin(options, meta));
