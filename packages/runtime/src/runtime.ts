import { FIRST_FUNCTION, GLOBAL_NAME, SAMPLED_REALM_SLOTS, SAMPLED_WARM_SLOTS } from './constants.js';
import type { Clock } from './calibrate.js';
import { createStep } from './probe.js';
import { createSampledCounters, type SampledCounters } from './sampled-probe.js';
import { createSampledStep } from './sampled-step.js';
import { warmSampledStep } from './sampled-warm.js';
import { registerSourceTexts } from './source-texts.js';
import type { FileCounters, FileTable, SourceTexts } from './types.js';

/** One `register()` call: a loaded instrumented file with its counters. */
export interface RegisteredFile extends FileCounters {
  readonly table: FileTable;
  /** First slot of each function, in table order. */
  readonly firstSlots: readonly number[];
  /** Sampled mode: the counters per target (`slot`, or `slot + slots` for the sampled phase). */
  readonly sampled?: SampledCounters & { readonly slots: number; readonly rate: number };
}

/** The object installed on `globalThis[GLOBAL_NAME]`. */
export interface Runtime {
  /**
   * Called once by each instrumented file as it loads; returns the arrays its probes
   * write. `sources`: the original texts of its printed functions, answered by the
   * `Function.prototype.toString` of `realm` (the file's global, see source-texts.ts).
   */
  register(table: FileTable, sources?: SourceTexts, realm?: typeof globalThis): RegisteredFile;
  /** Every registered file, in load order. */
  readonly files: readonly RegisteredFile[];
}

/** Creates a runtime; `installRuntime` makes it visible to instrumented code. */
export function createRuntime(clock: Clock = performance): Runtime {
  const files: RegisteredFile[] = [];
  const probes = new Float64Array(SAMPLED_REALM_SLOTS);
  let warmed = false;
  return {
    files,
    register(table, sources, realm = globalThis) {
      if (sources) registerSourceTexts(sources, realm);
      const firstSlots: number[] = [];
      let slots = 1;
      for (const fn of table.functions) {
        firstSlots.push(slots);
        slots += fn[3].length;
      }
      const rate = table.sample;
      // A sampled file has slots and a function more, for the warm-up of its S (sampled-warm.ts).
      const hitSlots = rate === undefined ? slots : slots + SAMPLED_WARM_SLOTS;
      const hits = new Float64Array(hitSlots);
      const time = new Float64Array(slots);
      const counts = new Float64Array(slots);
      const functions = FIRST_FUNCTION + table.functions.length;
      const open = new Int32Array(rate === undefined ? functions : functions + 1);
      const sampled = rate === undefined ? undefined : { ...createSampledCounters(hitSlots, hits, probes, open), slots: hitSlots, rate };
      const sampledStep = sampled && createSampledStep(clock, sampled, hitSlots, sampled.rate);
      const file: RegisteredFile = {
        table,
        firstSlots,
        ...(sampled && { sampled }),
        hits,
        time,
        depth: new Int32Array(functions),
        total: new Float64Array(functions),
        counts,
        totalCounts: new Float64Array(functions),
        open,
        nested: new Float64Array(slots),
        nestedCounts: new Float64Array(slots),
        probes,
        step: sampledStep ?? createStep(clock, hits, time, counts, probes, open),
      };
      if (sampled && sampledStep && !warmed) {
        warmed = true;
        warmSampledStep(sampledStep, sampled, slots, functions);
      }
      files.push(file);
      return file;
    },
  };
}

/** Returns the runtime of this realm, creating and installing it on first use. */
export function installRuntime(clock?: Clock): Runtime {
  const holder = globalThis as unknown as Record<string, Runtime | undefined>;
  return (holder[GLOBAL_NAME] ??= createRuntime(clock));
}

/** The runtime of this realm, if one is installed. */
export function getRuntime(): Runtime | undefined {
  return (globalThis as unknown as Record<string, Runtime | undefined>)[GLOBAL_NAME];
}
