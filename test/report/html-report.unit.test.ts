import type { ResultsFile } from '../../packages/runtime/src/index.js';
import { describe, expect, it } from 'vitest';
// The built module: it inlines the page script that the build bundles beside it (scripts/bundle.mjs).
import { formatHtmlReport, type HtmlData } from '../../packages/cli/dist/report/html-report.js';

const SOURCE = ['// @profile', 'function hot(n) {', '  let s = "</script><b>";', '  for (let i = 0; i < n; i++) s += i;', '  return s;', '}', '// @profile', 'function cold() {', '  return 1;', '}'].join('\n');

const RESULTS: ResultsFile = {
  format: 'linecount',
  version: 1,
  unit: 1e-9,
  probeCostNs: 50,
  compensated: true,
  recursion: 'once',
  meta: { argv: ['linecount', 'app.js'], cwd: '/nowhere', node: 'v20.0.0', startedAt: '2026-01-01T00:00:00.000Z', pid: 1 },
  functions: [
    { file: 'app.js', name: 'cold', line: 7, endLine: 10, totalTime: 2_000, lines: [[9, 3, 2_000]] },
    { file: 'app.js', name: 'hot', line: 1, endLine: 6, totalTime: 5_000_000, lines: [[3, 1, 1_000], [4, 1001, 4_900_000], [5, 1, 99_000]] },
    { file: 'lib/other.js', name: 'never', line: 1, endLine: 3, totalTime: 0, lines: [] },
  ],
};

const readSource = (file: string): string | undefined => (file === 'app.js' ? SOURCE : undefined);

/** The JSON the page embeds, parsed. */
function embeddedData(html: string): HtmlData {
  const match = /<script id="linecount-data" type="application\/json">([^]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no embedded data');
  return JSON.parse(match[1]!) as HtmlData;
}

/** The index's column headers. */
function indexHeaders(html: string): string[] {
  const head = /<table class="index"><thead>([^]*?)<\/thead>/.exec(html)![1]!;
  return [...head.matchAll(/<th[^>]*>([^]*?)<\/th>/g)].map((cell) => cell[1]!);
}

/** The index rows as cells: `[time, share, hits, name, file]`, in page order. */
function indexRows(html: string): string[][] {
  const body = /<table class="index">[^]*?<tbody>([^]*?)<\/tbody>/.exec(html)![1]!;
  return [...body.matchAll(/<tr data-fn="\d+">([^]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([^]*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '')),
  );
}

describe('HTML report', () => {
  const html = formatHtmlReport(RESULTS, { readSource });

  it('embeds the same numbers as the results file, with each listing source', () => {
    const data = embeddedData(html);
    expect(data.resultsUnit).toBe(1e-9);
    expect(data.displayUnit).toBe(1e-6);
    for (const [index, fn] of RESULTS.functions.entries()) {
      expect(data.functions[index]).toMatchObject(fn);
    }
    expect(data.functions[1]!.source).toEqual(SOURCE.split('\n').slice(0, 6));
    expect(data.functions[2]!.source).toBeNull();
  });

  it("renders the index longest first: kernprof's total times, each as a share of the longest, line hits named so", () => {
    expect(indexHeaders(html)).toEqual(['Total time (s)', '% of longest', 'Line hits', 'Function', 'File']);
    expect(indexRows(html)).toEqual([
      ['0.005', '100.0', '1003', 'hot', 'app.js:1'],
      ['2e-06', '0.0', '3', 'cold', 'app.js:7'],
      ['0', '0.0', '0', 'never', 'lib/other.js:1'],
    ]);
    for (const id of [0, 1, 2]) {
      expect(html).toContain(`<a href="#f-${id}">`);
      expect(html).toContain(`<details class="fn" id="f-${id}" data-fn="${id}">`);
    }
  });

  it('groups functions by file and honours -z and -u', () => {
    const sections = [...html.matchAll(/<section class="file"><h2>([^ <]+)/g)].map((m) => m[1]);
    expect(sections).toEqual(['app.js', 'lib/other.js']);
    const skipped = formatHtmlReport(RESULTS, { readSource, skipZero: true, unit: 1e-3 });
    expect(embeddedData(skipped).functions.map((fn) => fn.name)).toEqual(['cold', 'hot']);
    expect(embeddedData(skipped).displayUnit).toBe(1e-3);
    expect(indexRows(skipped)[0]).toEqual(['0.005', '100.0', '1003', 'hot', 'app.js:1']);
  });

  it('shows a caller and its only callee each as a share of the longest, not as parts of a sum (56 % + 44 % before)', () => {
    const caller = { file: 'app.js', name: 'main', line: 1, endLine: 6, totalTime: 5_600, lines: [[2, 3, 5_600]] as [number, number, number][] };
    const callee = { file: 'app.js', name: 'half', line: 7, endLine: 9, totalTime: 4_400, lines: [[8, 3, 4_400]] as [number, number, number][] };
    const page = formatHtmlReport({ ...RESULTS, functions: [caller, callee] }, { readSource });
    expect(indexRows(page).map((row) => row.slice(1, 4))).toEqual([['100.0', '3', 'main'], ['78.6', '3', 'half']]);
  });

  it('references nothing outside itself, and source text cannot break out of the data', () => {
    const outside = html.replace(/<script id="linecount-data"[^]*?<\/script>/, '');
    expect(outside).not.toMatch(/https?:|\/\/|\bsrc=|@import|url\(/i);
    expect([...outside.matchAll(/href="([^"]*)"/g)].every((m) => m[1]!.startsWith('#'))).toBe(true);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<b>');
  });
});
