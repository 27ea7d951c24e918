/**
 * The HTML report shows the text report's numbers (issue 15): for the same results file,
 * every listing cell of the page as Chromium renders it, and every function's total
 * time, equal the text report's (`linecount view`), including half-way cases that
 * `toFixed` (half up) and kernprof's `%f` (half to even) round apart, `%g` fallbacks
 * of wide times, a recursive line at 599 % and sampled results. Skipped without
 * /usr/bin/chromium, unless CI is set (helpers/chromium.ts).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsFile } from '../../packages/runtime/src/index.js';
import { formatFixed } from '../../packages/cli/src/report/format-number.js';
import { BROWSER_TESTS_RUN, browserSuiteTitle, launchChromium, openFilePage } from '../helpers/chromium.js';
import { createProject, runCli } from '../helpers/cli.js';

const SOURCE = [
  '// @profile', 'function fib(n) {', '  if (n < 2) return n;', '  return fib(n - 1) + fib(n - 2);', '}',
  '// @profile', 'function ties(i) {', '  const a = i * 2;', '  const b = a / 4;', '  const c = b + 1;', '  return a + b + c;', '}',
  '// @profile', 'function wide() {', '  return 1;', '}', '',
].join('\n');

const META = { argv: ['linecount', 'app.js'], cwd: '/nowhere', node: 'v20.20.0', startedAt: '2026-11-30T18:00:00.000Z', pid: 1 };

/** Results whose cells hit half-way cases at `-u 1e-9` (where a time is its stored ns). */
const EXACT: ResultsFile = {
  format: 'linecount', version: 2, unit: 1e-9, probeCostNs: 0, compensated: false, recursion: 'inclusive', meta: META,
  sources: { 'app.js': SOURCE },
  functions: [
    // Line 4 at 599 % (inclusive view of a recursive line).
    { file: 'app.js', name: 'fib', line: 1, endLine: 5, totalTime: 1000, lines: [[3, 15, 400], [4, 7, 5990]] },
    // Per hit 2.25 -> 2.2, 0.125 -> 0.1, 2.5; % time 0.25 -> 0.2, 12.5; line 11 twice.
    { file: 'app.js', name: 'ties', line: 6, endLine: 12, totalTime: 4000, lines: [[8, 4, 9], [9, 8, 1], [10, 2, 500], [11, 4, 10], [11, 0, 0]] },
    // A time wider than its column: `%5.3g` (1.5e+12), per hit 7.5e+11.
    { file: 'app.js', name: 'wide', line: 13, endLine: 16, totalTime: 1.5e12, lines: [[15, 2, 1.5e12]] },
  ],
};

/** Sampled results (SPEC §3 `--sample`): lines timed 1 in 8 after 32 exact hits. */
const SAMPLED: ResultsFile = {
  ...EXACT,
  sample: { rate: 8, exactHits: 32, countCostNs: 5, windowCostNs: 40 },
  functions: [
    // % time 11.25 -> 11.2; RSE 0.25 % -> 0.2 %.
    { file: 'app.js', name: 'ties', line: 6, endLine: 12, totalTime: 20000, lines: [[8, 4, 9], [9, 400, 2250, 78, 3600], [10, 200, 10000, 40, 625], [11, 4, 10]] },
  ],
};

/** One function of a report: its total time and its rows' cells by line number. */
interface Shown {
  name: string;
  total: string;
  rows: Record<number, string[]>;
}

/** The text report's functions: `Total time:`, `Function:` and the five number columns of each row. */
function parseText(text: string): Shown[] {
  return text.split('\nTotal time: ').slice(1).map((block) => {
    const lines = block.split('\n');
    const header = lines.find((line) => line.startsWith('Line #'))!;
    const ends = ['Line #', 'Hits', 'Time', 'Per Hit', '% Time'].map((label) => header.indexOf(label === 'Time' ? ' Time ' : label) + label.length + (label === 'Time' ? 1 : 0));
    const rows: Record<number, string[]> = {};
    for (const line of lines.slice(lines.indexOf(header) + 2)) {
      if (line === '') break;
      const cells = ends.map((end, column) => line.slice(column === 0 ? 0 : ends[column - 1]! + 1, end).trim());
      rows[Number(cells[0])] = cells;
    }
    return { name: /Function: (\S+)/.exec(block)![1]!, total: /^(\S+) s/.exec(block)![1]!, rows };
  });
}

/** Opens every listing of the page and reads each function's total and the cells of its rows. */
async function readPage(page: Page): Promise<{ functions: (Shown & { extra: Record<number, string[]> })[]; index: Record<string, string> }> {
  for (const link of await page.locator('table.index a').all()) await link.click();
  await expect.poll(() => page.locator('details.fn:not([data-complete])').count()).toBe(0);
  const functions = await page.locator('details.fn').evaluateAll((all) =>
    all.map((details) => {
      const rows: Record<number, string[]> = {};
      const extra: Record<number, string[]> = {};
      for (const tr of details.querySelectorAll('tbody tr')) {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
        rows[Number(cells[0])] = cells.slice(0, 5);
        extra[Number(cells[0])] = [tr.querySelector('td.samples')?.textContent ?? '', tr.querySelector('td.rse')?.textContent ?? ''];
      }
      return { name: details.querySelector('.name')!.textContent!, total: details.querySelector('.total')!.textContent!, rows, extra };
    }),
  );
  const index = await page.locator('table.index tbody tr').evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [tr.querySelector('a')!.textContent!, tr.querySelector('td.time')!.textContent!])),
  );
  return { functions, index };
}

/** Writes the results, runs `linecount view ARGS` and `view ARGS --html`, and opens the page. */
async function textAndPage(browser: Browser, results: ResultsFile, args: string[], errors: string[]): Promise<[Shown[], Page]> {
  const cwd = createProject();
  writeFileSync(path.join(cwd, 'app.lcprof'), JSON.stringify(results));
  const text = await runCli(['view', ...args, 'app.lcprof'], { cwd });
  expect(text.code).toBe(0);
  expect((await runCli(['view', ...args, '--html', 'app.html', 'app.lcprof'], { cwd })).code).toBe(0);
  return [parseText(text.stdout), await openFilePage(browser, path.join(cwd, 'app.html'), errors)];
}

function expectSameNumbers(text: Shown[], shown: Awaited<ReturnType<typeof readPage>>): void {
  const byName = Object.fromEntries(shown.functions.map((fn) => [fn.name, fn]));
  for (const fn of text) {
    expect(byName[fn.name]?.rows).toEqual(fn.rows);
    expect(byName[fn.name]?.total).toBe(fn.total);
    expect(shown.index[fn.name]).toBe(fn.total);
  }
  expect(shown.functions).toHaveLength(text.length);
}

function rse(time: number, variance: number): string {
  return `${formatFixed((100 * Math.sqrt(variance)) / time, 1)}%`;
}

describe.skipIf(!BROWSER_TESTS_RUN)(browserSuiteTitle('HTML report numbers equal the text report', 'html-numbers.e2e.test.ts'), () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([[['-u', '1e-9']], [[]], [['-u', '1e-3']]])('every cell and total equals the text report (view %j)', async (args) => {
    const errors: string[] = [];
    const [text, page] = await textAndPage(browser, EXACT, args, errors);
    const shown = await readPage(page);
    expectSameNumbers(text, shown);
    if (args[1] === '1e-9') {
      // The half-way cases themselves, as kernprof rounds them.
      expect(text.find((fn) => fn.name === 'ties')!.rows).toMatchObject({ 8: ['8', '4', '9.0', '2.2', '0.2'], 9: ['9', '8', '1.0', '0.1', '0.0'], 11: ['11', '4', '10.0', '2.5', '0.2'], 10: ['10', '2', '500.0', '250.0', '12.5'] });
      expect(text.find((fn) => fn.name === 'wide')!.rows[15]).toEqual(['15', '2', '1.5e+12', '7.5e+11', '100.0']);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a line over 100 % draws a full bar inside its cell, marked >100%', async () => {
    const errors: string[] = [];
    const [, page] = await textAndPage(browser, EXACT, [], errors);
    await readPage(page);
    const bars = await page.locator('td.bar span:not(.over)').evaluateAll((spans) =>
      spans.map((span) => [span.getBoundingClientRect().width, span.parentElement!.getBoundingClientRect().width]),
    );
    expect(bars.length).toBe(7);
    for (const [bar, cell] of bars) expect(bar).toBeLessThanOrEqual(cell!);
    const over = page.locator('#f-0 tr[data-line="4"] td.bar');
    expect(await over.textContent()).toBe('>100%');
    expect(await page.locator('#f-0 tr[data-line="3"] td.bar').textContent()).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sampled results: the same cells as the text report, and each line\'s samples and RSE', async () => {
    const errors: string[] = [];
    const [text, page] = await textAndPage(browser, SAMPLED, ['-u', '1e-9'], errors);
    const shown = await readPage(page);
    expectSameNumbers(text, shown);
    expect(shown.functions[0]!.extra).toMatchObject({
      8: ['4', ''],
      9: ['78', rse(2250, 3600)],
      10: ['40 *', '0.2%'],
      11: ['4', ''],
    });
    expect(text[0]!.rows[9]).toEqual(['9', '400', '2250.0', '5.6', '11.2']);
    expect(errors).toEqual([]);
    await page.close();
  });
});
