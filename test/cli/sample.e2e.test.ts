/**
 * `--sample [K]` through the real `linecount` binary (SPEC §3, issue 14): with a script,
 * with `-e` and with `-- node …`, hits are exact, the report says how time was measured,
 * the results file is version 2 with the rate and per-line samples, and the HTML report
 * carries them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject, hitsOf, readJson, runCli } from '../helpers/cli.js';

interface SampledResults {
  version: number;
  sample?: { rate: number; exactHits: number; countCostNs: number; windowCostNs: number };
  functions: { name: string; lines: [number, number, number, number?, number?][] }[];
}

const RATE = 8;
/** Exact hits before sampling starts (the runtime's SAMPLE_EXACT_HITS). */
const EXACT_HITS = 32;
const N = 5000;

/** A hot loop (sampled after its first hits) and a line run once (timed exactly). */
const PROGRAM = `// @profile
function work(n) {
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += i % 7;
  }
  return total;
}
console.log(work(${N}));
`;
const EXPECTED_HITS = { 3: 1, 4: N + 1, 5: N, 7: 1 };
const OUTPUT = `${Array.from({ length: N }, (_, i) => i % 7).reduce((a, b) => a + b, 0)}\n`;
const HEADER = `Time sampled: 1 in ${RATE} executions after the first ${EXACT_HITS} hits of each line`;

/** Checks a sampled results file of {@link PROGRAM}: exact hits, lines run ≤ M times timed at every hit, the hot lines sampled. */
function expectSampled(results: SampledResults): void {
  expect(results.version).toBe(2);
  expect(results.sample).toMatchObject({ rate: RATE, exactHits: EXACT_HITS });
  expect(hitsOf(results, 'work')).toEqual(EXPECTED_HITS);
  const rows = results.functions.find((fn) => fn.name === 'work')!.lines;
  for (const [line, hits, time, samples, variance] of rows) {
    expect(time, `line ${line}`).toBeGreaterThanOrEqual(0);
    if (hits <= EXACT_HITS) {
      expect([samples, variance], `line ${line}`).toEqual([hits, 0]);
    } else {
      expect(samples!, `line ${line}`).toBeGreaterThan(EXACT_HITS);
      expect(samples!, `line ${line}`).toBeLessThan(hits);
    }
  }
}

describe('--sample K through the linecount binary', () => {
  it('a script: exact hits, the header line, a version 2 file with samples, the HTML report with samples and RSE', async () => {
    const cwd = createProject({ 'work.js': PROGRAM });
    const result = await runCli(['-q', '-v', '--sample', String(RATE), '--html', 'report.html', 'work.js'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(OUTPUT)).toBe(true);
    expect(result.stdout).toContain(`\n${HEADER}\n`);
    expectSampled(readJson<SampledResults>(cwd, 'work.js.lcprof'));
    const html = readFileSync(path.join(cwd, 'report.html'), 'utf8');
    expect(html).toContain(HEADER);
    const data = JSON.parse(/<script id="linecount-data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!) as {
      sample?: { rate: number; exactHits: number };
    };
    expect(data.sample).toMatchObject({ rate: RATE, exactHits: EXACT_HITS });
  });

  it('-e CODE: the same', async () => {
    const cwd = createProject();
    const result = await runCli(['-q', '--sample', String(RATE), '-o', 'eval.lcprof', '-e', PROGRAM], { cwd });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(OUTPUT);
    expectSampled(readJson<SampledResults>(cwd, 'eval.lcprof'));
  });

  it('-- node script: the same in the child process', async () => {
    const cwd = createProject({ 'work.js': PROGRAM });
    const result = await runCli(['-q', '--sample', String(RATE), '--', process.execPath, 'work.js'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(OUTPUT);
    expectSampled(readJson<SampledResults>(cwd, 'linecount.lcprof'));
  });

  it('--sample alone: the default rate, hits exact', async () => {
    const cwd = createProject({ 'work.js': PROGRAM });
    const result = await runCli(['-q', '--sample', 'work.js'], { cwd });
    expect(result.stderr).toBe('');
    const results = readJson<SampledResults>(cwd, 'work.js.lcprof');
    expect(results.sample?.rate).toBeGreaterThan(1);
    expect(hitsOf(results, 'work')).toEqual(EXPECTED_HITS);
  });
});
