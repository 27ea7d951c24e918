/**
 * `view --pprof` and `merge --pprof` (issue 19): the results as a gzipped pprof profile,
 * decoded here with pprof-format and read by the real `go tool pprof` (Debian's golang-go,
 * installed by scripts/install-test-deps.sh). Hits are asserted exactly; times equal the
 * results file's, converted to nanoseconds.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProject, readJson, runCli } from '../helpers/cli.js';

interface Results {
  unit: number;
  probeCostNs: number;
  functions: { file: string; name: string; line: number; lines: [number, number, number][] }[];
}

const LIB = `// @profile
export function isEven(n: number): boolean {
  let rest = n;
  while (rest > 1) rest -= 2;
  return rest === 0;
}
`;

const APP = `import { isEven } from './src/lib.ts';
// @profile
function count(limit: number): number {
  let evens = 0;
  for (let i = 0; i < limit; i++) {
    if (isEven(i)) evens++;
  }
  return evens;
}
console.log(count(300));
`;

/** The decoded profile, with its string indices resolved. */
interface Decoded {
  sampleTypes: string[];
  defaultType: string;
  comments: string[];
  functions: Map<number, { name: string; file: string; startLine: number }>;
  /** `name:line` → [hits, time ns] */
  lines: Map<string, [number, number]>;
}

function decode(file: string): Decoded {
  const profile = Profile.decode(gunzipSync(readFileSync(file)));
  const str = (index: number | bigint): string => profile.stringTable.strings[Number(index)]!;
  const functions = new Map(
    profile.function.map((fn) => [Number(fn.id), { name: str(fn.name), file: str(fn.filename), startLine: Number(fn.startLine) }]),
  );
  const locations = new Map(profile.location.map((location) => [Number(location.id), location.line[0]!]));
  const lines = new Map<string, [number, number]>();
  for (const sample of profile.sample) {
    expect(sample.locationId).toHaveLength(1);
    const line = locations.get(Number(sample.locationId[0]))!;
    const key = `${functions.get(Number(line.functionId))!.name}:${Number(line.line)}`;
    lines.set(key, [Number(sample.value[0]), Number(sample.value[1])]);
  }
  return {
    sampleTypes: profile.sampleType.map((type) => `${str(type.type)}/${str(type.unit)}`),
    defaultType: str(profile.defaultSampleType),
    comments: profile.comment.map(str),
    functions,
    lines,
  };
}

/** The results file's rows as the profile should hold them: `name:line` → [hits, time ns]. */
function expectedLines(results: Results, runs = 1): Map<string, [number, number]> {
  const rows = results.functions.flatMap((fn) =>
    fn.lines.map(([line, hits, time]): [string, [number, number]] => [
      `${fn.name}:${line}`,
      [hits * runs, Math.round(time * runs * results.unit * 1e9)],
    ]),
  );
  return new Map(rows);
}

describe('pprof export', () => {
  let cwd: string;
  let results: Results;
  beforeAll(async () => {
    cwd = createProject({ 'app.ts': APP, 'src/lib.ts': LIB });
    const run = await runCli(['-q', 'app.ts'], { cwd });
    expect(run.code).toBe(0);
    results = readJson<Results>(cwd, 'app.ts.lcprof');
  });

  it('view --pprof: one sample per line that ran, exact hits, times in ns, absolute files and start lines', async () => {
    const view = await runCli(['view', '--pprof', 'out.pb.gz', 'app.ts.lcprof'], { cwd });
    expect([view.code, view.stdout, view.stderr]).toEqual([0, '', "Wrote pprof profile to 'out.pb.gz'\n"]);
    const profile = decode(path.join(cwd, 'out.pb.gz'));
    expect(profile.sampleTypes).toEqual(['hits/count', 'time/nanoseconds']);
    expect(profile.defaultType).toBe('time');
    expect(profile.lines).toEqual(expectedLines(results));
    expect(profile.lines.get('count:6')![0]).toBe(300);
    expect(profile.lines.get('isEven:4')![0]).toBe(22_650);
    expect([...profile.functions.values()]).toEqual([
      { name: 'isEven', file: path.join(cwd, 'src/lib.ts'), startLine: 1 },
      { name: 'count', file: path.join(cwd, 'app.ts'), startLine: 2 },
    ]);
    expect(profile.comments).toContain(`compensated: ${results.probeCostNs.toFixed(1)} ns probe cost subtracted per executed line`);
    expect(profile.comments).toContain('recursion view: once (nested activations of a function counted once)');
  });

  it('merge --pprof adds the runs up, with or without -o', async () => {
    const merge = await runCli(['merge', '-o', 'both.lcprof', '--pprof', 'both.pb.gz', 'app.ts.lcprof', 'app.ts.lcprof'], { cwd });
    expect([merge.code, merge.stderr]).toEqual([0, "Wrote pprof profile to 'both.pb.gz'\n"]);
    expect(decode(path.join(cwd, 'both.pb.gz')).lines).toEqual(expectedLines(results, 2));
    expect(readJson<Results>(cwd, 'both.lcprof').functions[0]!.lines[0]![1]).toBe(results.functions[0]!.lines[0]![1] * 2);
    const only = await runCli(['merge', '--pprof', 'only.pb.gz', 'app.ts.lcprof'], { cwd });
    expect(only.code).toBe(0);
    expect(decode(path.join(cwd, 'only.pb.gz')).lines).toEqual(expectedLines(results));
    const neither = await runCli(['merge', 'app.ts.lcprof'], { cwd });
    expect([neither.code, neither.stderr.split('\n')[0]]).toEqual([2, 'linecount: merge needs -o OUT or --pprof OUT.pb.gz']);
  });

  it('says in a comment when line times were sampled (--sample)', async () => {
    const run = await runCli(['-q', '--sample', '4', '-o', 'sampled.lcprof', 'app.ts'], { cwd });
    expect(run.code).toBe(0);
    await runCli(['view', '--pprof', 'sampled.pb.gz', 'sampled.lcprof'], { cwd });
    const profile = decode(path.join(cwd, 'sampled.pb.gz'));
    expect(profile.comments).toContain('time sampled: 1 in 4 executions after the first 32 hits of each line; hits exact');
    expect(profile.lines.get('isEven:4')![0]).toBe(22_650);
    await runCli(['view', '--pprof', 'exact.pb.gz', 'app.ts.lcprof'], { cwd });
    expect(decode(path.join(cwd, 'exact.pb.gz')).comments.some((comment) => comment.startsWith('time sampled'))).toBe(false);
  });

  it('refuses the inclusive recursion view, whose totals count recursive time twice', async () => {
    const run = await runCli(['-q', '--recursion', 'inclusive', '-o', 'inclusive.lcprof', 'app.ts'], { cwd });
    expect(run.code).toBe(0);
    const view = await runCli(['view', '--pprof', 'inclusive.pb.gz', 'inclusive.lcprof'], { cwd });
    expect(view.code).toBe(2);
    expect(view.stderr).toMatch(/^linecount: inclusive\.lcprof holds the inclusive recursion view, [^\n]+\n$/);
  });

  it('go tool pprof lists each line with its time beside the source and ranks the hot lines', async () => {
    await runCli(['view', '--pprof', 'go.pb.gz', 'app.ts.lcprof'], { cwd });
    const pprof = (...args: string[]): string => execFileSync('go', ['tool', 'pprof', ...args, 'go.pb.gz'], { cwd, encoding: 'utf8' });
    const listing = pprof('-list=isEven', '-sample_index=hits');
    expect(listing).toContain(`ROUTINE ======================== isEven in ${path.join(cwd, 'src/lib.ts')}`);
    expect(listing).toMatch(/^\s+22650\s+22650\s+4:\s+while \(rest > 1\) rest -= 2;$/m);
    expect(listing).toMatch(/^\s+300\s+300\s+5:\s+return rest === 0;$/m);
    const top = pprof('-lines', '-top', '-sample_index=time', '-unit=ns');
    const ranked = [...top.matchAll(/^\s*(\d+)ns .* (\w+) \S+:(\d+)$/gm)].map((match) => `${match[2]}:${match[3]}`);
    const expected = [...expectedLines(results)].filter(([, [, time]]) => time > 0).sort((a, b) => b[1][1] - a[1][1]);
    expect(ranked[0]).toBe(expected[0]![0]);
  });
});
