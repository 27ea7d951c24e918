/**
 * Runs a piece of source twice, as written and instrumented, each in a fresh `node:vm`
 * context, and returns both outcomes with the per-line hits of the instrumented run
 * (STYLE.md: "run the instrumented code and assert exact per-line hits and the returned
 * values").
 *
 * The source is a CommonJS-style body: its value is what a top-level `return` gives
 * (the parser allows it), else its `result` export (`export const result = …`), else
 * `module.exports`; a promise is awaited, and top-level `await` works. ES module syntax
 * is turned into CommonJS by esbuild, and TypeScript has its types stripped by esbuild
 * AFTER instrumenting, exactly as the CLI does (packages/cli/src/hooks/transform.ts).
 */
import path from 'node:path';
import vm from 'node:vm';
import { transformSync, type Loader } from 'esbuild';
import { instrument, parseSource, type InstrumentOptions, type InstrumentResult } from '../../packages/instrumenter/src/index.js';
import { collectResults, createRuntime, type Clock, type FunctionResult, type RecursionView } from '../../packages/runtime/src/index.js';

/** Options of {@link runBothWays}. */
export interface RunOptions {
  /** Decides the parser and esbuild loader (`.ts` strips types). @default '/virtual/case.js' */
  filename?: string;
  /** Passed to `instrument()`. @default true */
  awaitTime?: boolean;
  /** Passed to `instrument()`. @default false */
  all?: boolean;
  /** Passed to `instrument()`: profile the top-level code as `<module>`. @default false */
  topLevel?: boolean;
  inputSourceMap?: InstrumentOptions['inputSourceMap'];
  /** Clock of the instrumented run's runtime (count its reads). @default performance */
  clock?: Clock;
  /** Extra globals of both contexts. */
  globals?: Record<string, unknown>;
  /**
   * Passed to `instrument()`: keep each function's original code for when profiling is off.
   * @default true in the `switchable` test project (`LINECOUNT_TEST_SWITCHABLE=1`), else false
   */
  switchable?: boolean;
  /**
   * Passed to `instrument()`: sampled mode's rate K (SPEC §3 `--sample`).
   * @default `LINECOUNT_TEST_SAMPLE` in the `sampled` test project, else exact mode
   */
  sample?: number;
  /** Install a runtime in the instrumented run's context; without one, switchable code runs unprofiled. @default true */
  runtime?: boolean;
}

/** How a run ended: a value, or a throw/rejection described realm-independently. */
export type Outcome =
  | { threw: false; value: unknown }
  | { threw: true; error: { constructor: string; name: unknown; message: unknown } | { primitive: unknown } };

/** Hits per original line: `{ 3: 1, 4: 11 }`. */
export type LineHits = Record<number, number>;

/** What {@link runBothWays} returns. */
export interface BothWays {
  original: Outcome;
  instrumented: Outcome;
  /** Per function name (`name:line` when a name repeats): hits per original line. */
  hits: Record<string, LineHits>;
  /** Uncompensated results of the instrumented run (times in ns), recursion counted once (SPEC §3). */
  functions: FunctionResult[];
  /** The same results in the inclusive view (`--recursion inclusive`, kernprof's). */
  inclusive: FunctionResult[];
  /** The instrumenter's result. */
  result: InstrumentResult;
}

const LOADERS: Record<string, Loader> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.jsx': 'jsx' };

/** What the CLI hook does after instrumenting: esbuild for TS/JSX; here also ESM → CJS. */
function compile(code: string, filename: string, isModule: boolean): string {
  const loader = LOADERS[path.extname(filename).toLowerCase()];
  if (!loader && !isModule) return code;
  return transformSync(code, { loader: loader ?? 'js', format: isModule ? 'cjs' : undefined, sourcefile: filename }).code;
}

function describeError(error: unknown): Outcome {
  if ((typeof error === 'object' && error !== null) || typeof error === 'function') {
    const object = error as { constructor?: { name?: string }; name?: unknown; message?: unknown };
    return { threw: true, error: { constructor: String(object.constructor?.name), name: object.name, message: object.message } };
  }
  return { threw: true, error: { primitive: error } };
}

function createContext(globals: Record<string, unknown>): vm.Context {
  return vm.createContext({
    console,
    performance,
    setTimeout,
    clearTimeout,
    setImmediate,
    queueMicrotask,
    ...globals,
  });
}

/**
 * Evaluates a CommonJS-style body in `context`. The wrapper is an async function (the
 * body may use top-level `await`) and keeps every line where it was.
 */
async function evaluate(code: string, filename: string, context: vm.Context): Promise<Outcome> {
  const script = new vm.Script(`(async function (exports, module) {${code}\n})`, { filename });
  const module = { exports: {} as unknown };
  try {
    const body = script.runInContext(context) as (exports: unknown, module: unknown) => unknown;
    const returned = await body.call(undefined, module.exports, module);
    if (returned !== undefined) return { threw: false, value: returned };
    const exports = module.exports as { result?: unknown };
    return { threw: false, value: 'result' in exports ? await exports.result : exports };
  } catch (error) {
    return describeError(error);
  }
}

function hitsByFunction(functions: readonly FunctionResult[]): Record<string, LineHits> {
  const hits: Record<string, LineHits> = {};
  for (const fn of functions) {
    const key = fn.name in hits ? `${fn.name}:${fn.line}` : fn.name;
    hits[key] = Object.fromEntries(fn.lines.map(([line, count]) => [line, count]));
  }
  return hits;
}

/** Collects the uncompensated results of a runtime. */
export function resultsOf(runtime: ReturnType<typeof createRuntime>, recursion: RecursionView = 'once'): FunctionResult[] {
  const meta = { argv: [], cwd: '/', node: process.version, startedAt: '', pid: 0 };
  return collectResults(runtime, { meta, probeCostNs: 0, compensate: false, recursion }).functions;
}

/** The sampled mode's rate of a run: the option, else the `sampled` project's variable. */
function sampleRate(options: RunOptions): number | undefined {
  const fromEnv = process.env.LINECOUNT_TEST_SAMPLE;
  return options.sample ?? (fromEnv ? Number(fromEnv) : undefined);
}

/**
 * Runs `source` as written, then instrumented, each in its own fresh context (the
 * instrumented one holds a fresh runtime as `__linecount__`).
 */
export async function runBothWays(source: string, options: RunOptions = {}): Promise<BothWays> {
  const { filename = '/virtual/case.js', globals = {} } = options;
  // ES module syntax is compiled to CommonJS; top-level `await` alone runs in the async wrapper.
  const isModule = parseSource(source, filename).program.body.some((s) => s.type.startsWith('Import') || s.type.startsWith('Export'));
  const result = instrument(source, {
    filename,
    awaitTime: options.awaitTime ?? true,
    all: options.all ?? false,
    topLevel: options.topLevel ?? false,
    inputSourceMap: options.inputSourceMap ?? null,
    switchable: options.switchable ?? process.env.LINECOUNT_TEST_SWITCHABLE === '1',
    ...(sampleRate(options) !== undefined && { sample: sampleRate(options) }),
  });
  const original = await evaluate(compile(source, filename, isModule), filename, createContext(globals));
  const runtime = createRuntime(options.clock);
  const context = createContext(options.runtime === false ? globals : { ...globals, __linecount__: runtime });
  const instrumented = await evaluate(compile(result.code, filename, isModule), filename, context);
  const functions = resultsOf(runtime);
  return { original, instrumented, hits: hitsByFunction(functions), functions, inclusive: resultsOf(runtime, 'inclusive'), result };
}

/** The results row of one function, by name, in a run or a results file. */
export function functionNamed(run: { functions: readonly FunctionResult[] }, name: string): FunctionResult {
  const fn = run.functions.find((f) => f.name === name);
  if (!fn) throw new Error(`no profiled function named ${name}: ${run.functions.map((f) => f.name).join(', ')}`);
  return fn;
}

/** Time (ns) of one line of a function, 0 when it never ran. */
export function lineTime(run: { functions: readonly FunctionResult[] }, name: string, line: number): number {
  return functionNamed(run, name).lines.find((row) => row[0] === line)?.[2] ?? 0;
}

/** Busy-waits `ms` milliseconds (a deterministic amount of "work" for timing relations). */
export const BUSY_WAIT_SOURCE = 'function busyWait(ms) { const end = performance.now() + ms; while (performance.now() < end); }';

/** A clock that moves only when the code under test says so: see {@link createVirtualTime}. */
export interface VirtualTime {
  /** The instrumented run's clock (ms). */
  clock: Clock;
  /**
   * Globals of both runs: `busyWait(ms)` is `ms` of work done at once (the clock jumps),
   * `sleep(ms, value)` a promise of `value` resolved after `ms`, the clock moved by `ms`
   * just before. Nothing else moves the clock.
   */
  globals: { busyWait(ms: number): void; sleep(ms: number, value?: unknown): Promise<unknown> };
}

/**
 * Virtual time for `runBothWays(source, { ...createVirtualTime(), … })`: whatever the
 * machine's load, each line is charged exactly the `busyWait` and `sleep` it contains, so
 * what the profiler charges and what it leaves out are asserted as exact numbers
 * (issue #12, item 8: a busy machine stretched real 5 ms waits to 26 ms). The source uses
 * these globals instead of declaring `busyWait` and `sleep`.
 */
export function createVirtualTime(): VirtualTime {
  let now = 0;
  return {
    clock: { now: () => now },
    globals: {
      busyWait: (ms) => void (now += ms),
      sleep: (ms, value) =>
        new Promise((resolve) =>
          setTimeout(() => {
            now += ms;
            resolve(value);
          }, ms),
        ),
    },
  };
}

/**
 * Template tag for test sources: drops the first newline and the common indentation, so
 * line 1 is the line right after the backtick.
 */
export function src(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, '').replace(/\n\s*$/, '\n');
  const indents = text.split('\n').filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length);
  const indent = Math.min(...indents);
  return text
    .split('\n')
    .map((line) => line.slice(indent))
    .join('\n');
}
