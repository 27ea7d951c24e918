import type { ResultsFile } from '@linecount/runtime';
import { SAMPLE_MIN_WINDOWS } from '../session/constants.js';
import { formatRse, relativeStandardError } from './listing.js';

/**
 * `-vv` for sampled results (SPEC §3 `--sample`): per line whose time was estimated, its
 * samples and relative standard error, marked `few samples` below {@link SAMPLE_MIN_WINDOWS}
 * timed executions after the exact ones. Empty for exact results.
 */
export function formatSampleDiagnostics(results: ResultsFile): string {
  const { sample } = results;
  if (!sample) return '';
  const out = [
    `linecount: time sampled 1 in ${sample.rate} after ${sample.exactHits} exact hits; ` +
      `probe costs ${sample.countCostNs} ns (count), ${sample.windowCostNs} ns (timed)\n`,
  ];
  for (const fn of results.functions) {
    for (const [line, hits, time, samples = hits, variance = 0] of fn.lines) {
      if (samples >= hits) continue;
      const rse = relativeStandardError(time, variance);
      const few = samples - sample.exactHits < SAMPLE_MIN_WINDOWS ? ' (few samples)' : '';
      out.push(`linecount: ${fn.file}:${line} ${fn.name}: ${samples} of ${hits} hits timed, RSE ${formatRse(rse)}${few}\n`);
    }
  }
  return out.join('');
}
