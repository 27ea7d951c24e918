/**
 * `linecount diff --html` in a real browser (issue 17): Debian's chromium driven by
 * playwright-core. The page opens from disk without errors or requests, and every
 * listing shows the numbers of the text diff.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSER_TESTS_RUN, browserSuiteTitle, launchChromium, openFilePage } from '../helpers/chromium.js';
import { REPO, runCli } from '../helpers/cli.js';
import { diffTableOf, profileBeforeAndAfter } from '../helpers/diff-project.js';

describe.skipIf(!BROWSER_TESTS_RUN)(browserSuiteTitle('linecount diff --html in headless Chromium', 'diff-html-browser.e2e.test.ts'), () => {
  it('opens without errors; a click in the index opens the listing; its cells are the text diff', async () => {
    const cwd = await profileBeforeAndAfter();
    const html = await runCli(['diff', '--html', 'diff.html', 'before.lcprof', 'after.lcprof'], { cwd });
    expect([html.code, html.stdout, html.stderr]).toEqual([0, '', "Wrote HTML diff to 'diff.html'\n"]);
    const text = (await runCli(['diff', 'before.lcprof', 'after.lcprof'], { cwd })).stdout;
    const browser = await launchChromium();
    try {
      const errors: string[] = [];
      const page = await openFilePage(browser, path.join(cwd, 'diff.html'), errors);
      await page.locator('table.index a', { hasText: 'work' }).click();
      const details = page.locator('details.fn[open]');
      await expect.poll(() => details.count()).toBe(1);
      const rows = await details.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => {
          const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
          return { cells: cells.slice(0, 7), contents: `${(cells[7] || ' ').padEnd(2)}${cells[8]}` };
        }),
      );
      expect(rows).toEqual(diffTableOf(text, 'work'));
      const ratio = text.match(/^Total time: .* \((×[\d.]+)\)\nFile: work\.ts\n/m)![1];
      expect(await page.locator('table.index tr[data-fn] td.change').first().textContent()).toBe(ratio);
      expect(errors).toEqual([]);
      mkdirSync(path.join(REPO, 'test-artifacts'), { recursive: true });
      await page.screenshot({ path: path.join(REPO, 'test-artifacts/diff-report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
