import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FunctionResult, ResultsFile } from '@linecount/runtime';
import { Function as PprofFunction, Line, Location, Mapping, Profile, Sample, StringTable, ValueType } from 'pprof-format';
import { EVAL_NAME } from '../session/constants.js';
import { LinecountError } from '../session/errors.js';

/** Nanoseconds per second: pprof counts time in nanoseconds, results files in `unit` seconds. */
const NS_PER_SECOND = 1e9;

/**
 * The comments a pprof reader shows with the profile (`go tool pprof -comments`): how the
 * times were measured, so a profile read far from its run is not misread.
 */
function profileComments(results: ResultsFile): string[] {
  const comments = [
    'linecount: line-level profile; one location per (function, line)',
    'time of a line includes the time of the profiled functions it calls',
    `recursion view: ${results.recursion} (nested activations of a function counted once)`,
    results.compensated
      ? `compensated: ${results.probeCostNs.toFixed(1)} ns probe cost subtracted per executed line`
      : 'not compensated (--no-compensate): times include the probe cost',
  ];
  if (results.sample) {
    comments.push(`time sampled: 1 in ${results.sample.rate} executions after the first ${results.sample.exactHits} hits of each line; hits exact`);
  }
  if (results.coarseClock) comments.push(`coarse clock: ${results.coarseClock.resolutionNs} ns steps (browser)`);
  return comments;
}

/** Absolute path of a results file's source, as pprof tools look sources up; `[eval]` stays. */
function sourcePath(file: string, cwd: string): string {
  return file === EVAL_NAME ? file : path.resolve(cwd, file);
}

/**
 * The results as a pprof profile (profile.proto), uncompressed: sample types `hits/count`
 * and `time/nanoseconds` (the default), one Function per profiled function with its
 * absolute file and start line, one Location and one single-frame Sample per line that ran.
 * Throws LinecountError for results of the inclusive recursion view, whose recursive lines
 * count nested time twice and would inflate every pprof total.
 * @param source Name of the results for messages.
 */
export function encodePprof(results: ResultsFile, source: string): Uint8Array {
  if (results.recursion !== 'once') {
    throw new LinecountError(
      'LINECOUNT_BAD_RESULTS',
      `${source} holds the inclusive recursion view, which counts recursive time twice: pprof totals would be wrong; record with the default --recursion once`,
    );
  }
  const strings = new StringTable();
  const toNs = results.unit * NS_PER_SECOND;
  const profile = new Profile({
    sampleType: [
      new ValueType({ type: strings.dedup('hits'), unit: strings.dedup('count') }),
      new ValueType({ type: strings.dedup('time'), unit: strings.dedup('nanoseconds') }),
    ],
    periodType: new ValueType({ type: strings.dedup('time'), unit: strings.dedup('nanoseconds') }),
    period: 1,
    timeNanos: BigInt(Date.parse(results.meta.startedAt)) * 1_000_000n,
    stringTable: strings,
  });
  // One mapping that says the locations are symbolized: pprof tools then neither look for a binary nor warn.
  const mapping = new Mapping({ id: 1, filename: strings.dedup(results.meta.argv.join(" ")), hasFunctions: true, hasFilenames: true, hasLineNumbers: true });
  profile.mapping.push(mapping);
  results.functions.forEach((fn: FunctionResult, index) => {
    const functionId = index + 1;
    const filename = strings.dedup(sourcePath(fn.file, results.meta.cwd));
    const name = strings.dedup(fn.name);
    profile.function.push(new PprofFunction({ id: functionId, name, systemName: name, filename, startLine: fn.line }));
    for (const [line, hits, time] of fn.lines) {
      const location = new Location({ id: profile.location.length + 1, mappingId: mapping.id, line: [new Line({ functionId, line })] });
      profile.location.push(location);
      profile.sample.push(new Sample({ locationId: [location.id], value: [hits, Math.round(time * toNs)] }));
    }
  });
  profile.comment = profileComments(results).map((comment) => strings.dedup(comment));
  profile.defaultSampleType = strings.dedup('time');
  return profile.encode();
}

/** {@link encodePprof}, gzipped as pprof files are (`.pb.gz`). */
export function formatPprof(results: ResultsFile, source: string): Buffer {
  return gzipSync(encodePprof(results, source));
}
