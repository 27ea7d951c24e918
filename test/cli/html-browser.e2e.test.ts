/**
 * The HTML report in a real browser (issue 6): Debian's chromium driven by
 * playwright-core, no browser download. Skipped without /usr/bin/chromium, unless CI
 * is set: CI installs it (.ci/run) and must run this.
 */
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_TESTS_RUN, browserSuiteTitle, launchChromium, openFilePage } from '../helpers/chromium.js';
import { REPO, createProject, readJson, runCli } from '../helpers/cli.js';


interface Results {
  functions: { name: string; totalTime: number; lines: [number, number, number][] }[];
}

/** A program with `count` marked functions in one file, one of them thousands of lines long. */
function manyFunctions(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    parts.push(`// @profile\nfunction f${i}(n) {\n  let s = 0;\n  for (let j = 0; j < n; j++) s += j * ${i};\n  return s;\n}\n`);
  }
  const body = Array.from({ length: 3000 }, (_, i) => `  x += ${i} % 7;`).join('\n');
  parts.push(`// @profile\nfunction long() {\n  let x = 0;\n${body}\n  return x;\n}\n`);
  const calls = Array.from({ length: count }, (_, i) => `f${i}(${i % 50});`).join('\n');
  return `${parts.join('')}${calls}\nlong();\n`;
}

describe.skipIf(!BROWSER_TESTS_RUN)(browserSuiteTitle('HTML report in headless Chromium', 'html-browser.e2e.test.ts'), () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens from disk without errors; a click in the index shows the function table; screenshot', async () => {
    const cwd = createProject({ 'primes.ts': readFileSync(path.join(REPO, 'examples/primes.ts'), 'utf8') });
    expect((await runCli(['-q', '--html', 'report.html', 'primes.ts'], { cwd })).code).toBe(0);
    const results = readJson<Results>(cwd, 'primes.ts.lcprof');
    const errors: string[] = [];
    const page = await openFilePage(browser, path.join(cwd, 'report.html'), errors);
    const hottest = [...results.functions].sort((a, b) => b.totalTime - a.totalTime)[0]!;
    await page.locator('table.index a', { hasText: hottest.name }).first().click();
    const details = page.locator('details.fn[open]');
    await expect.poll(() => details.count()).toBe(1);
    const rows = await details.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)),
    );
    const hits = Object.fromEntries(rows.filter(([, h]) => h !== '').map(([line, h]) => [Number(line), Number(h)]));
    expect(hits).toEqual(Object.fromEntries(hottest.lines.map(([line, h]) => [line, h])));
    expect(errors).toEqual([]);
    mkdirSync(path.join(REPO, 'test-artifacts'), { recursive: true });
    const shot = path.join(REPO, 'test-artifacts/html-report.png');
    // The test artifact; docs/html-report.png (README) is a copy taken on request.
    await page.screenshot({ path: shot, fullPage: true });
    await page.close();
  });

  it("--sample: the listing shows each line's samples and RSE, a mark on lines with few samples", async () => {
    const program = '// @profile\nfunction work(n) {\n  let t = 0;\n  for (let i = 0; i < n; i++) {\n    t += i % 7;\n  }\n  return t;\n}\nwork(200);\n';
    const cwd = createProject({ 'work.js': program });
    expect((await runCli(['-q', '--sample', '8', '--html', 'sampled.html', 'work.js'], { cwd })).code).toBe(0);
    const results = readJson<{ functions: { lines: [number, number, number, number, number][] }[] }>(cwd, 'work.js.lcprof');
    const errors: string[] = [];
    const page = await openFilePage(browser, path.join(cwd, 'sampled.html'), errors);
    expect(await page.locator('p.sampled').textContent()).toContain('Time sampled: 1 in 8 executions after the first 32 hits of each line');
    await page.locator('table.index a', { hasText: 'work' }).first().click();
    const details = page.locator('details.fn[open]');
    await expect.poll(() => details.count()).toBe(1);
    expect(await details.locator('thead th').allTextContents()).toEqual(
      expect.arrayContaining(['Samples', 'RSE']),
    );
    const cells = await details.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-line'), tr.querySelector('td.samples')?.textContent ?? '', tr.querySelector('td.rse')?.textContent ?? '']),
    );
    const shown = Object.fromEntries(cells.filter(([, samples]) => samples !== '').map(([line, samples, rse]) => [Number(line), [samples, rse]]));
    // Lines run once: timed at every hit, no RSE. The loop's lines: ~ 200 / 8 samples after
    // the exact 32, about 21 more, so most often marked as few (the same rule decides).
    const expected = Object.fromEntries(
      results.functions[0]!.lines.map(([line, hits, time, samples, variance]) => {
        if (samples >= hits) return [line, [String(samples), '']];
        const few = samples - 32 < 30 ? ' *' : '';
        return [line, [`${samples}${few}`, `${((100 * Math.sqrt(variance)) / time).toFixed(1)}%`]];
      }),
    );
    expect(shown).toEqual(expected);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the report of a wholesale -p run of a real package (marked) loads without errors (time printed)', async () => {
    const render = "import { readFileSync } from 'node:fs';\nimport { marked } from 'marked';\n" +
      "process.stdout.write(marked.parse(readFileSync('README.md', 'utf8')));\n";
    const cwd = createProject({ 'render.mjs': render, 'README.md': readFileSync(path.join(REPO, 'README.md'), 'utf8') });
    mkdirSync(path.join(cwd, 'node_modules'));
    symlinkSync(path.join(REPO, 'node_modules/marked'), path.join(cwd, 'node_modules/marked'), 'dir');
    expect((await runCli(['-qq', '-p', 'marked', '--html', 'marked.html', 'render.mjs'], { cwd })).code).toBe(0);
    const results = readJson<Results>(cwd, 'render.mjs.lcprof');
    const errors: string[] = [];
    const page = await openFilePage(browser, path.join(cwd, 'marked.html'), errors);
    const load = (await page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")) as number;
    expect(await page.locator('table.index tbody tr').count()).toBe(results.functions.length);
    await page.locator('table.index a').first().click();
    await expect.poll(() => page.locator('details.fn[open] tbody tr').count()).toBeGreaterThan(0);
    process.stdout.write(`HTML report of -p marked, ${results.functions.length} functions: page load ${load.toFixed(0)} ms\n`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a report of hundreds of functions and a 3000-line listing loads and scrolls (time printed)', async () => {
    const count = 300;
    const cwd = createProject({ 'many.js': manyFunctions(count) });
    expect((await runCli(['-q', '--html', 'many.html', 'many.js'], { cwd })).code).toBe(0);
    const errors: string[] = [];
    const started = performance.now();
    const page = await openFilePage(browser, path.join(cwd, 'many.html'), errors);
    const loadMs = performance.now() - started;
    // The browser's own navigation timing: from the start of the navigation to the end of `load`.
    const navigation = (await page.evaluate(
      "(({ domContentLoadedEventEnd, loadEventEnd }) => ({ domContentLoaded: domContentLoadedEventEnd, load: loadEventEnd }))(performance.getEntriesByType('navigation')[0])",
    )) as { domContentLoaded: number; load: number };
    expect(await page.locator('table.index tbody tr').count()).toBe(count + 1);
    // A click renders the listing's first rows at once (offsetHeight forces their layout);
    // the rest follow in chunks, until data-complete is set.
    const openMs = (await page.evaluate(
      "(() => { const t = performance.now(); document.querySelector('a[href=\"#f-300\"]').click(); void document.body.offsetHeight; return performance.now() - t; })()",
    )) as number;
    const completeStarted = performance.now();
    await page.locator('#f-300[data-complete]').waitFor({ state: 'attached' });
    const completeMs = openMs + performance.now() - completeStarted;
    expect(await page.locator('#f-300 tbody tr').count()).toBeGreaterThan(3000);
    await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    const size = readFileSync(path.join(cwd, 'many.html')).length;
    process.stdout.write(
      `HTML report, ${count + 1} functions, ${(size / 1024).toFixed(0)} KiB: page load ${navigation.load.toFixed(0)} ms ` +
        `(DOMContentLoaded ${navigation.domContentLoaded.toFixed(0)} ms, goto ${loadMs.toFixed(0)} ms); ` +
        `the 3000-line listing: first rows ${openMs.toFixed(0)} ms, all rows ${completeMs.toFixed(0)} ms\n`,
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
