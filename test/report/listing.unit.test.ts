import { describe, expect, it } from 'vitest';
import type { FunctionResult } from '../../packages/runtime/src/index.js';
import { buildListing, collectLineStats, createListing, listingRange, totalHits } from '../../packages/cli/src/report/listing.js';
import { renderListing, type HtmlData, type HtmlFunction } from '../../packages/cli/src/report/html-listing.js';

const FN: FunctionResult = {
  file: 'app.js',
  name: 'ties',
  line: 3,
  endLine: 7,
  totalTime: 4000,
  // Line 9 lies past endLine: the range widens to it. Line 5 comes in two rows.
  lines: [[4, 4, 9], [5, 8, 1], [5, 0, 0], [6, 2, 500], [9, 1, 5990]],
};

describe('listing model', () => {
  it('sums repeated rows, widens the range to every measured line, counts line hits', () => {
    expect(collectLineStats(FN).get(5)).toEqual({ hits: 8, time: 1, samples: 8, variance: 0 });
    expect(listingRange(FN)).toEqual([3, 9]);
    expect(totalHits(FN)).toBe(15);
  });

  it("rounds each cell once, half to even as kernprof's text (2.25 -> 2.2, 0.125 -> 0.1)", () => {
    const rows = buildListing(FN, 1).rows;
    expect(rows.map((row) => row.cells)).toEqual([
      ['3', '', '', '', ''],
      ['4', '4', '9.0', '2.2', '0.2'],
      ['5', '8', '1.0', '0.1', '0.0'],
      ['6', '2', '500.0', '250.0', '12.5'],
      ['7', '', '', '', ''],
      ['8', '', '', '', ''],
      ['9', '1', '5990.0', '5990.0', '149.8'],
    ]);
  });

  it('clamps the heat of a line over 100 % and flags hot and warm lines', () => {
    const row = (line: number) => createListing(FN, 1).row(line);
    expect(row(9)).toMatchObject({ share: 1.4975, heat: 1, hot: true, warm: true });
    expect(row(6)).toMatchObject({ share: 0.125, heat: 0.125, hot: false, warm: true });
    expect(row(3)).toMatchObject({ ran: false, heat: 0, hot: false });
  });

  it('sampled lines: samples, a mark below the minimum, RSE rounded half to even', () => {
    const sampled: FunctionResult = { ...FN, totalTime: 20000, lines: [[4, 4, 9], [5, 200, 10000, 40, 625], [6, 400, 2250, 78, 3600]] };
    const { rows } = buildListing(sampled, 1, { exactHits: 32, minWindows: 30 });
    expect(rows.map((row) => row.sample)).toEqual([
      undefined,
      { samples: '4', rse: '', few: false },
      { samples: '40 *', rse: '0.2%', few: true },
      { samples: '78', rse: '2.7%', few: false },
      undefined,
    ]);
  });
});

describe('HTML listing', () => {
  const source = ['// @profile', 'function ties() {', '  a();', '  b();', '  c();'];
  const fn: HtmlFunction = { ...FN, first: 3, last: 9, source: [...source, '', '}'] };
  const data: HtmlData = { resultsUnit: 1e-9, displayUnit: 1e-9, functions: [fn] };

  it("shows the model's cells, a bar clamped to its cell and marked >100%, rows in chunks", () => {
    const listing = renderListing(fn, data);
    expect(listing.count).toBe(7);
    const html = listing.next(4) + listing.next(100);
    const rows = [...html.matchAll(/<tr data-line="(\d+)"[^>]*>([^]*?)<\/tr>/g)];
    expect(rows.map((row) => Number(row[1]))).toEqual([3, 4, 5, 6, 7, 8, 9]);
    const cells = (line: number) => [...rows.find((row) => row[1] === String(line))![2]!.matchAll(/<td class="num[^"]*">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells(4)).toEqual(['4', '4', '9.0', '2.2', '0.2']);
    expect(html).toContain('<span style="width:100.0%"></span></div><span class="over">&gt;100%</span>');
    expect(html).toContain('<span style="width:12.5%">');
    expect(Math.max(...[...html.matchAll(/width:([\d.]+)%/g)].map((m) => Number(m[1])))).toBe(100);
  });
});
