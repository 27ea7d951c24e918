/**
 * Browser profiling (SPEC §8, issue 5): a small TS/TSX app built by the real Vite with
 * `@linecount/profiler/vite`, run in Debian's headless chromium (playwright-core, no browser
 * download): `__linecount__.report()` and `.toJSON()`; and the same app under the real
 * `vite dev` server, which receives the results when the page is hidden, prints the
 * report and writes the SPEC §7 files. Skipped without /usr/bin/chromium unless CI is
 * set (CI installs it and must run this).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_TESTS_RUN, browserSuiteTitle, launchChromium } from '../helpers/chromium.js';
import { parseResults, type ResultsFile } from '../../packages/runtime/src/index.js';
import { FIXTURES, createProject, runCli, runProcess } from '../helpers/cli.js';
import { OUTSIDE_VITEST_ENV, createViteProject, lineOf, readListing, rowHits } from '../helpers/vite-project.js';


const APP = path.join(FIXTURES, 'plugins/browser-app');
const SOURCES = {
  'src/primes.ts': readFileSync(path.join(APP, 'src/primes.ts'), 'utf8'),
  'src/view.tsx': readFileSync(path.join(APP, 'src/view.tsx'), 'utf8'),
};
/** The profiled functions, in registration order, and their files. */
const FUNCTIONS = [
  ['isPrime', 'src/primes.ts'],
  ['countPrimes', 'src/primes.ts'],
  ['PrimeList', 'src/view.tsx'],
] as const;
type FunctionName = (typeof FUNCTIONS)[number][0];
type Hits = Record<FunctionName, Record<number, number>>;

/** Adds `count` hits to the line of `file` whose text is `text`. */
function adder(hits: Record<number, number>, file: keyof typeof SOURCES) {
  return (text: string, count = 1): void => {
    const line = lineOf(SOURCES[file], text);
    hits[line] = (hits[line] ?? 0) + count;
  };
}

/**
 * The hits the app's functions must have after `render(limit)` ran once per entry of
 * `limits`: a model of their control flow, written independently of the profiler.
 */
function expectedHits(limits: number[]): Hits {
  const hits: Hits = { isPrime: {}, countPrimes: {}, PrimeList: {} };
  const isPrime = adder(hits.isPrime, 'src/primes.ts');
  const countPrimes = adder(hits.countPrimes, 'src/primes.ts');
  const primeList = adder(hits.PrimeList, 'src/view.tsx');
  for (const limit of limits) {
    for (let n = 0; n < limit; n++) {
      isPrime('if (n < 2) return false;');
      if (n < 2) continue;
      isPrime('if (n % 2 === 0) return n === 2;');
      if (n % 2 === 0) continue;
      isPrime('let i = 3;');
      for (let i = 3; ; i += 2) {
        isPrime('while (i * i <= n) {');
        if (i * i > n) {
          isPrime('return true;');
          break;
        }
        isPrime('if (n % i === 0) return false;');
        if (n % i === 0) break;
        isPrime('i += 2;');
      }
    }
    countPrimes('const tally: Tally = { checked: 0, primes: [] };');
    countPrimes('let n = 0;');
    countPrimes('while (n < limit) {', limit + 1);
    for (const text of ['tally.checked++;', 'if (isPrime(n)) tally.primes.push(n);', 'n++;']) countPrimes(text, limit);
    countPrimes('return tally;');
    const view = ['const items = primes.map((p) => <li>{p}</li>);', 'const title = <h2>{primes.length} primes</h2>;', 'return ('];
    for (const text of view) primeList(text);
  }
  return hits;
}

/**
 * Checks a kernprof text report of the app: the timer lines, then each function's
 * listing with its file, the original source of every listed line, and `hits`.
 */
function expectReport(report: string, hits: Hits, timerResolution: RegExp): void {
  const [unit, resolution] = report.split('\n');
  expect(unit).toBe('Timer unit: 1e-06 s');
  expect(resolution).toMatch(timerResolution);
  for (const [name, file] of FUNCTIONS) {
    const listing = readListing(report, name);
    expect(listing.file).toBe(file);
    const source = SOURCES[file].split('\n');
    expect(listing.rows[0]!.contents).toBe('// @profile');
    for (const row of listing.rows) expect(row.contents).toBe(source[row.line - 1]);
    expect(rowHits(listing)).toEqual(hits[name]);
  }
}

/** `{ name: { line: hits } }` of a results file. */
function resultHits(results: ResultsFile): Hits {
  return Object.fromEntries(
    results.functions.map((fn) => [fn.name, Object.fromEntries(fn.lines.map(([line, count]) => [line, count]))]),
  ) as Hits;
}

const NOT_ISOLATED = /^Timer resolution: \S+ s \(coarsened by the browser: the page is not cross-origin isolated\)$/;

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };

/** Serves `dir` over HTTP on a free port of 127.0.0.1, with `headers` on every response. */
async function serveDirectory(dir: string, headers: Record<string, string> = {}): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = path.join(dir, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    if (!file.startsWith(dir) || !existsSync(file)) {
      response.statusCode = 404;
      response.end();
      return;
    }
    response.setHeader('content-type', CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream');
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/**
 * Resolves with the first group of `pattern` once `read()`, the output `child` printed so
 * far, matches it; rejects if `child` exits first. A hang ends with the hook's timeout.
 */
function waitForMatch(child: ChildProcess, read: () => string, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const match = pattern.exec(read());
      if (!match) return;
      child.stdout!.off('data', check);
      resolve(match[1]!);
    };
    child.stdout!.on('data', check);
    child.once('exit', () => reject(new Error(`exited without printing ${pattern}:\n${read()}`)));
  });
}

/** A new page that collects console errors, page errors and failed requests into `errors`. */
async function openPage(browser: Browser, errors: string[]): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('requestfailed', (request) => errors.push(`${request.url()}: ${request.failure()?.errorText}`));
  return page;
}

/** Loads the app with `limit`, waits until it rendered, then clicks "count again" `again` times. */
async function runApp(page: Page, url: string, limit: number, again = 0): Promise<void> {
  await page.goto(`${url}?limit=${limit}`);
  await page.locator('body[data-ready]').waitFor({ state: 'attached' });
  for (let i = 0; i < again; i++) await page.click('#again');
  await expect.poll(() => page.locator('section.primes').count()).toBe(again + 1);
}

describe.skipIf(!BROWSER_TESTS_RUN)(browserSuiteTitle('@linecount/profiler/vite in headless Chromium', 'browser.e2e.test.ts'), () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('a page built by `vite build`', () => {
    const servers: Server[] = [];
    let dist: string;
    beforeAll(async () => {
      const cwd = createViteProject('browser-app');
      const build = await runProcess(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { cwd, env: OUTSIDE_VITEST_ENV });
      expect(build).toMatchObject({ code: 0, stderr: '' });
      dist = path.join(cwd, 'dist');
    });
    afterAll(() => {
      for (const server of servers) server.close();
    });
    const serve = async (headers?: Record<string, string>): Promise<string> => {
      const { server, url } = await serveDirectory(dist, headers);
      servers.push(server);
      return url;
    };

    it('__linecount__.report() is the kernprof report: exact hits at the original TS/TSX lines, with their source', async () => {
      const errors: string[] = [];
      const page = await openPage(browser, errors);
      const limit = 60;
      await runApp(page, await serve(), limit, 1);
      const report = (await page.evaluate('__linecount__.report()')) as string;
      expectReport(report, expectedHits([limit, limit]), NOT_ISOLATED);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('.toJSON() is the results file: the same hits, sources embedded, the coarse clock recorded; `linecount view` prints the same report', async () => {
      const errors: string[] = [];
      const page = await openPage(browser, errors);
      const limit = 45;
      await runApp(page, await serve(), limit);
      const text = (await page.evaluate('JSON.stringify(__linecount__)')) as string;
      const report = (await page.evaluate('__linecount__.report()')) as string;
      const results = parseResults(text);
      expect(resultHits(results)).toEqual(expectedHits([limit]));
      expect(results.functions.map((fn) => [fn.name, fn.file])).toEqual(FUNCTIONS);
      // Chromium without cross-origin isolation: a step of the clock is far above 1 µs.
      expect(results.coarseClock).toMatchObject({ crossOriginIsolated: false });
      expect(results.coarseClock!.resolutionNs).toBeGreaterThan(1000);
      // Not compensated under a coarse clock: each function's lines add up to its total.
      expect(results.compensated).toBe(false);
      expect(results.recursion).toBe('once');
      for (const fn of results.functions) {
        const sum = fn.lines.reduce((total, [, , time]) => total + time, 0);
        expect(Math.abs(sum - fn.totalTime)).toBeLessThanOrEqual(fn.lines.length);
      }
      for (const [file, source] of Object.entries(SOURCES)) {
        const embedded = results.sources![file]!.split('\n');
        const fns = results.functions.filter((fn) => fn.file === file);
        for (const fn of fns) expect(embedded.slice(fn.line - 1, fn.endLine)).toEqual(source.split('\n').slice(fn.line - 1, fn.endLine));
      }
      // Elsewhere, with no source file on disk: the report comes from the embedded sources.
      const elsewhere = createProject();
      writeFileSync(path.join(elsewhere, 'page.lcprof'), text);
      const view = await runCli(['view', 'page.lcprof'], { cwd: elsewhere });
      expect(view).toMatchObject({ code: 0, stderr: '', stdout: report });
      expect(errors).toEqual([]);
      await page.close();
    });

    it("the plugin's recursion option chooses the view of the page's results", async () => {
      const cwd = createViteProject('browser-app');
      const config = path.join(cwd, 'vite.config.ts');
      writeFileSync(config, readFileSync(config, 'utf8').replace('linecount()', "linecount({ recursion: 'inclusive' })"));
      const build = await runProcess(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { cwd, env: OUTSIDE_VITEST_ENV });
      expect(build).toMatchObject({ code: 0, stderr: '' });
      const { server, url } = await serveDirectory(path.join(cwd, 'dist'));
      servers.push(server);
      const errors: string[] = [];
      const page = await openPage(browser, errors);
      await runApp(page, url, 20);
      const results = parseResults((await page.evaluate('JSON.stringify(__linecount__)')) as string);
      expect(results.recursion).toBe('inclusive');
      expect(resultHits(results)).toEqual(expectedHits([20]));
      expect(errors).toEqual([]);
      await page.close();
    });

    it('a cross-origin isolated page has a finer clock, still reported as coarsened', async () => {
      const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
      const resolutions: number[] = [];
      for (const headers of [isolation, {}]) {
        const errors: string[] = [];
        const page = await openPage(browser, errors);
        await runApp(page, await serve(headers), 10);
        const results = parseResults((await page.evaluate('JSON.stringify(__linecount__)')) as string);
        expect(results.coarseClock?.crossOriginIsolated).toBe(headers === isolation);
        resolutions.push(results.coarseClock!.resolutionNs);
        if (headers === isolation) {
          const report = (await page.evaluate('__linecount__.report()')) as string;
          expect(report.split('\n')[1]).toMatch(/^Timer resolution: \S+ s \(coarsened by the browser\)$/);
        }
        expect(errors).toEqual([]);
        await page.close();
      }
      expect(resolutions[0]).toBeLessThan(resolutions[1]!);
    });
  });

  describe('`vite dev`', () => {
    let cwd: string;
    let server: ChildProcess;
    let url: string;
    let stdout = '';
    let stderr = '';
    beforeAll(async () => {
      cwd = createViteProject('browser-app');
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
      for (const name of Object.keys(OUTSIDE_VITEST_ENV)) delete env[name];
      server = spawn(process.execPath, ['serve.mjs'], { cwd, env, stdio: 'pipe' });
      server.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      server.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      url = await waitForMatch(server, () => stdout, /listening on (\S+)/);
    });
    afterAll(() => {
      server?.stdin?.end();
    });

    /** The reports the server printed so far, each with the lines that follow it. */
    const printed = (): string[] =>
      stdout
        .split(/(?<=linecount view profile_output\.lcprof\n)/)
        .filter((block) => block.includes('Timer unit'))
        .map((block) => block.slice(block.indexOf('Timer unit')));

    it('prints the report and writes the SPEC §7 files each time a page is hidden; a page posting twice counts once', async () => {
      const errors: string[] = [];
      const page = await openPage(browser, errors);
      const [first, second] = [30, 50];
      await runApp(page, url, first);
      // Headless Chromium never hides a page: this page says it was hidden, as a switch of tabs would.
      await page.evaluate(`Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
        delete document.visibilityState;`);
      await expect.poll(() => printed().length).toBe(1);
      expectReport(printed()[0]!, expectedHits([first]), NOT_ISOLATED);
      // Then it runs again and is left (pagehide): its second post replaces its first.
      await page.click('#again');
      await page.goto('about:blank');
      await expect.poll(() => printed().length).toBe(2);
      // Another page load adds to it.
      await runApp(page, url, second);
      await page.goto('about:blank');
      await expect.poll(() => printed().length).toBe(3);
      const last = printed()[2]!;
      const hits = expectedHits([first, first, second]);
      expectReport(last, hits, NOT_ISOLATED);
      const report = last.slice(0, last.indexOf('Wrote profile results to '));
      expect(last.slice(report.length)).toMatch(
        new RegExp(
          '^Wrote profile results to profile_output\\.txt\n' +
            'Wrote profile results to profile_output_\\d{4}-\\d\\d-\\d\\dT\\d{6}\\.txt\n' +
            'Wrote profile results to profile_output\\.lcprof\nTo view details run:\nnpx linecount view profile_output\\.lcprof\n$',
        ),
      );
      expect(readFileSync(path.join(cwd, 'profile_output.txt'), 'utf8')).toBe(report);
      expect(readdirSync(cwd).filter((name) => /^profile_output_.*\.txt$/.test(name)).length).toBeGreaterThanOrEqual(1);
      expect(resultHits(parseResults(readFileSync(path.join(cwd, 'profile_output.lcprof'), 'utf8')))).toEqual(hits);
      expect(stderr).not.toContain('linecount');
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});
