/**
 * The runtime of built code in a browser (SPEC §8): results stay on
 * `globalThis.__linecount__`, which gains `.report()` (kernprof's text report) and
 * `.toJSON()` (the results file of SPEC §6); under the Vite dev server the results are
 * also posted to the server whenever the page is hidden. Bundled into
 * lib/bundle-runtime.mjs for browsers: no Node module may be imported here.
 */
import {
  collectResults,
  installRuntime,
  measureClockStep,
  measureProbeCost,
  type CoarseClock,
  type RecursionView,
  type ResultsFile,
  type Runtime,
} from '@linecount/runtime';
import { formatKernprofText, type TextReportOptions } from '../report/kernprof-text.js';

/** Options of {@link startBrowserProfiling}, set by the bundler plugin that built the page. */
export interface BrowserProfilingOptions {
  /**
   * Directory that the results' `file`s are relative to: the working directory of the
   * build. @default '' (absolute paths)
   */
  cwd?: string;
  /**
   * Subtract the measured probe cost per hit (SPEC §3). @default true, but false when
   * the clock is coarse (see {@link measureCoarseClock}): a probe costs far less than one
   * step of it, and subtracting the cost from lines that read 0 steps would only clamp
   * them at 0 and make the lines add up to more than their function's total.
   */
  compensate?: boolean;
  /** How line times treat recursion (SPEC §3): the plugin's `recursion` option. @default 'once' */
  recursion?: RecursionView;
  /** Where to post the results when the page is hidden: the Vite dev server's endpoint. */
  postUrl?: string;
}

/** Options of `__linecount__.report()`: the display options of `linecount view`. */
export type BrowserReportOptions = Pick<TextReportOptions, 'unit' | 'skipZero' | 'sort' | 'summarize'>;

/** `globalThis.__linecount__` in a browser. */
export interface BrowserRuntime extends Runtime {
  /** kernprof's text report of the results so far, the sources taken from the build. */
  report(options?: BrowserReportOptions): string;
  /** The results so far as a results file (SPEC §6); also what `JSON.stringify` writes. */
  toJSON(): ResultsFile;
}

/** The browser globals used here (the package compiles without the DOM library). */
interface BrowserGlobals {
  location?: { href: string };
  crossOriginIsolated?: boolean;
  navigator: { userAgent: string; sendBeacon(url: string, body: string): boolean };
  document: { visibilityState: string; addEventListener(type: 'visibilitychange', listener: () => void): void };
  addEventListener(type: 'pagehide', listener: () => void): void;
}

const browser = globalThis as unknown as BrowserGlobals;

/** A clock step at most this long (ns) is not "coarse": Node's and isolated Firefox's. */
const FINE_STEP_NS = 1000;

/**
 * Beyond this many characters a body is neither beaconed nor sent with `keepalive`: the
 * browser allows 64 KiB in flight for both. Larger results are posted by a plain fetch,
 * which completes when the page is hidden but may be cancelled when it is unloaded.
 */
const KEEPALIVE_LIMIT = 60_000;

/**
 * Starts profiling in a browser: installs the runtime on `globalThis.__linecount__` (so
 * that the instrumented files register and count) with `report()` and `toJSON()`; with
 * `postUrl`, posts the results there when the page is hidden. Later calls return the
 * same runtime.
 * @param [options] See {@link BrowserProfilingOptions}.
 */
export function startBrowserProfiling(options: BrowserProfilingOptions = {}): BrowserRuntime {
  const runtime = installRuntime() as Partial<BrowserRuntime> & Runtime;
  if (runtime.toJSON && runtime.report) return runtime as BrowserRuntime;
  const startedAt = new Date(performance.timeOrigin).toISOString();
  let measured: { probeCostNs: number; coarseClock: CoarseClock | undefined } | undefined;
  const toJSON = (): ResultsFile => {
    // Measured once, when first asked: nothing runs while the page loads.
    measured ??= { probeCostNs: measureProbeCost(performance), coarseClock: measureCoarseClock() };
    return collectResults(runtime, {
      meta: { argv: [browser.location?.href ?? ''], cwd: options.cwd ?? '', node: browser.navigator.userAgent, startedAt, pid: 0 },
      probeCostNs: measured.probeCostNs,
      compensate: options.compensate ?? !measured.coarseClock,
      ...(options.recursion && { recursion: options.recursion }),
      ...(measured.coarseClock && { coarseClock: measured.coarseClock }),
    });
  };
  const report = (reportOptions: BrowserReportOptions = {}): string => formatKernprofText(toJSON(), reportOptions);
  const browserRuntime = Object.assign(runtime, { toJSON, report });
  if (options.postUrl !== undefined) postWhenHidden(browserRuntime, options.postUrl);
  return browserRuntime;
}

/**
 * The smallest advance of `performance.now()` between two reads that differ, when it
 * is coarser than {@link FINE_STEP_NS}: browsers coarsen the clock (Chromium: 100 µs
 * without cross-origin isolation, 5 µs with it), so short lines read 0 or one step.
 */
function measureCoarseClock(): CoarseClock | undefined {
  const resolutionNs = Math.round(measureClockStep(performance) * 1e6);
  if (!(resolutionNs > FINE_STEP_NS)) return undefined;
  return { resolutionNs, crossOriginIsolated: browser.crossOriginIsolated === true };
}

/** Sum of every hit counter: it changes whenever anything profiled ran. */
function countHits(runtime: Runtime): number {
  return runtime.files.reduce((sum, file) => file.hits.reduce((a, b) => a + b, sum), 0);
}

/**
 * Posts the results to `url` each time the page is hidden (tab switched or closed,
 * navigation, reload) and something ran since the last post. Each post carries the
 * page's cumulative results and an id of the page, so that the server replaces that
 * page's earlier post instead of adding it twice.
 */
function postWhenHidden(runtime: BrowserRuntime, url: string): void {
  const target = `${url}?page=${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  let postedHits = 0;
  const post = (): void => {
    const hits = countHits(runtime);
    if (hits === postedHits) return;
    postedHits = hits;
    const body = JSON.stringify(runtime.toJSON());
    const small = body.length <= KEEPALIVE_LIMIT;
    if (small && browser.navigator.sendBeacon(target, body)) return;
    fetch(target, { method: 'POST', body, keepalive: small }).catch((error: unknown) => {
      // The page has no other channel to say that its results were lost.
      // eslint-disable-next-line no-console
      console.warn(`linecount: cannot post the results to ${url}: ${(error as Error).message}`);
    });
  };
  browser.document.addEventListener('visibilitychange', () => {
    if (browser.document.visibilityState === 'hidden') post();
  });
  browser.addEventListener('pagehide', post);
}
