/**
 * The ways the conformance run instruments a test: each is `instrument()` options and
 * whether the realm has the linecount runtime. Add a mode here and every table has it.
 */
import type { InstrumentOptions } from '../../packages/instrumenter/dist/index.js';

/** One instrumented mode of the run. */
export interface Mode {
  /** Name on the command line (`--modes`) and in the tables. */
  name: string;
  /** Options given to `instrument()` besides the filename (every function is profiled). */
  options: Omit<InstrumentOptions, 'filename'>;
  /** Install the runtime in each realm; without it switchable code runs unprofiled. */
  runtime: boolean;
}

/** Every mode, in table order. */
export const MODES: readonly Mode[] = [
  { name: 'exact', options: { all: true }, runtime: true },
  { name: 'exact+top-level', options: { all: true, topLevel: true }, runtime: true },
  { name: 'switchable-on', options: { all: true, switchable: true }, runtime: true },
  { name: 'switchable-off', options: { all: true, switchable: true }, runtime: false },
  // Every execution after the first is a candidate for sampling (K = 2): the windows' code runs often.
  { name: 'sampled', options: { all: true, sample: 2 }, runtime: true },
];

/** The modes named in `names` (comma-separated), all when it is undefined; throws on an unknown name. */
export function selectModes(names: string | undefined): Mode[] {
  if (names === undefined) return [...MODES];
  return names.split(',').map((name) => {
    const mode = MODES.find((m) => m.name === name.trim());
    if (!mode) throw new Error(`unknown mode ${name}: one of ${MODES.map((m) => m.name).join(', ')}`);
    return mode;
  });
}
