import { readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { BUN_FILES_ENV, COMPILED_LOADERS } from '../../session/constants.js';
import { findBunTargets, type BunTargets } from './bun-targets.js';
import { transformIfMarked } from './load-transform.js';
import type { TransformOptions } from './transform-inputs.js';

/** What Bun's `onLoad` must return: it cannot fall through to Bun's own loader. */
interface BunLoadResult {
  contents: string;
  loader: 'js' | 'jsx' | 'ts' | 'tsx';
}

/** The part of Bun's plugin API used here (Bun ≥ 1.1). */
export interface BunPluginApi {
  plugin(plugin: {
    name: string;
    setup(build: { onLoad(options: { filter: RegExp }, load: (args: { path: string }) => BunLoadResult): void }): void;
  }): void;
}

type CompilableModule = Module & { _compile(code: string, filename: string): unknown };
type ExtensionHandler = (module: Module, filename: string) => void;

type WorkerOptions = { preload?: string | string[] } & Record<string, unknown>;
type WorkerClass = new (file: unknown, options?: WorkerOptions) => object;
type WebWorker = { threadId: number; terminate(): void };

/**
 * Makes Bun's workers (`node:worker_threads` and web `Worker`) preload linecount: Bun
 * runs no BUN_OPTIONS preload in a worker, but takes a `preload` option. A web Worker's
 * `terminate()` (synchronous) first lets the worker save, as worker-flush.ts does for
 * `node:worker_threads`.
 * @param preload lib/register.mjs.
 * @param flushSync Asks the worker of this thread id to save, and waits.
 */
export function preloadInBunWorkers(preload: string, flushSync: (threadId: number) => void): void {
  const withPreload = (Base: WorkerClass): WorkerClass =>
    class Worker extends Base {
      constructor(file: unknown, options: WorkerOptions = {}) {
        super(file, { ...options, preload: [...[options.preload ?? []].flat(), preload] });
      }
    };
  const threads = process.getBuiltinModule('node:worker_threads') as unknown as { Worker: WorkerClass };
  threads.Worker = withPreload(threads.Worker);
  const global = globalThis as unknown as { Worker?: WorkerClass };
  if (!global.Worker) return;
  const WebWorker = withPreload(global.Worker);
  const terminate = (WebWorker.prototype as WebWorker).terminate;
  (WebWorker.prototype as WebWorker).terminate = function terminateAfterSave(this: WebWorker) {
    flushSync(this.threadId);
    terminate.call(this);
  };
  global.Worker = WebWorker;
}

/** Bun's API when this process is Bun. */
export function bunApi(): BunPluginApi | undefined {
  return (globalThis as { Bun?: BunPluginApi }).Bun;
}

/** Bun's loader of a file given back as it is (it could not be instrumented). */
function bunLoaderOf(file: string): BunLoadResult['loader'] {
  return COMPILED_LOADERS[path.extname(file).toLowerCase()] ?? 'js';
}

/** A regular expression that matches exactly these paths. */
function exactly(files: readonly string[]): RegExp {
  return new RegExp(`^(?:${files.map((file) => file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
}

/**
 * The files to instrument, found once per session: the first Bun process looks, its
 * children inherit the list through the environment.
 */
function sessionTargets(options: TransformOptions): BunTargets {
  const inherited = process.env[BUN_FILES_ENV];
  if (inherited) return JSON.parse(inherited) as BunTargets;
  const targets = findBunTargets(process.cwd(), options.targets);
  process.env[BUN_FILES_ENV] = JSON.stringify(targets);
  return targets;
}

/**
 * Instruments under Bun (issue 19). Bun's `onLoad` can neither decline a file nor give
 * back CommonJS (oven-sh/bun#39786: the module silently does nothing), so it only ever
 * sees the ES modules and TypeScript files that are to be instrumented, listed before
 * the program starts (`// @profile` files under the cwd, `-p` targets); CommonJS targets
 * go through `Module._extensions`, which Bun's `require` honours. TypeScript is compiled
 * by esbuild as under Node, so lines and `// @profile` comments survive.
 */
export function installBunPlugin(bun: BunPluginApi, options: TransformOptions): void {
  const targets = sessionTargets(options);
  if (targets.modules.length > 0) {
    bun.plugin({
      name: 'linecount',
      setup(build) {
        build.onLoad({ filter: exactly(targets.modules) }, ({ path: file }) => {
          const source = readFileSync(file, 'utf8');
          const code = transformIfMarked(source, file, 'module', options);
          return code === undefined ? { contents: source, loader: bunLoaderOf(file) } : { contents: code, loader: 'js' };
        });
      },
    });
  }
  if (targets.commonjs.length === 0) return;
  const commonjs = new Set(targets.commonjs);
  const extensions = (Module as unknown as { _extensions: Record<string, ExtensionHandler> })._extensions;
  for (const ext of new Set(targets.commonjs.map((file) => path.extname(file)))) {
    const previous = extensions[ext] ?? extensions['.js']!;
    extensions[ext] = (module, filename) => {
      const code = commonjs.has(filename) ? transformIfMarked(readFileSync(filename, 'utf8'), filename, 'commonjs', options) : undefined;
      if (code === undefined) previous(module, filename);
      else (module as CompilableModule)._compile(code, filename);
    };
  }
}
