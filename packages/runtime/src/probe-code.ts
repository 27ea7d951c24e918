/**
 * `@linecount/runtime/probe-code`: the probe code of each mode, as source text, for the
 * instrumenter that emits it. The text is written by the runtime (probe.ts,
 * sampled-probe.ts) so that calibration times exactly the code that runs (SPEC §3); a
 * subpath of its own keeps it apart from the root entry, which counts, reads the clock
 * and serialises (docs/conventions.md).
 */
import {
  epilogueCode,
  parkCode,
  probeCode,
  prologueCode,
  resumeAfterCallCode,
  resumeAfterThrowCode,
  resumeCode,
  suspendCode,
  type ProbeNames,
  type SuspendStyle,
} from './probe.js';
import {
  sampledEpilogueCode,
  sampledParkCode,
  sampledProbeCode,
  sampledPrologueCode,
  sampledResumeAfterCallCode,
  sampledResumeAfterThrowCode,
  sampledResumeCode,
  sampledStartCode,
  sampledSuspendCode,
} from './sampled-probe.js';

export { createProbeNames, type ProbeNames, type SuspendStyle } from './probe.js';

/** How an async activation treats a suspension. */
export type AsyncStyle = Exclude<SuspendStyle, 'none'>;

/**
 * The probe code of one mode. `k` names the variables; `fn`, `slot`, `suspension` and
 * `operand` are inserted as written (numbers, or the instrumenter's placeholders).
 */
export interface ProbeCode {
  /** The probe of a line, as a statement. */
  probe(k: ProbeNames, fn: string, slot: string): string;
  /** Start of an activation, with the probe of its first statement: statements. */
  prologue(k: ProbeNames, fn: string, slot: string, style: SuspendStyle): string;
  /**
   * Start of an activation whose body runs no line (slot 0), without a probe: statements.
   * Sampled mode only; exact mode's prologue times slot 0, a line of no report.
   */
  start?(k: ProbeNames, fn: string, style: SuspendStyle): string;
  /** End of an activation (the body of a `finally`): statements. */
  epilogue(k: ProbeNames, fn: string, style: SuspendStyle): string;
  /** Releases an activation about to suspend: an expression. */
  park(k: ProbeNames, fn: string, style: AsyncStyle): string;
  /** Takes back an activation released by `park`, on `slot` (exact mode): an expression. */
  resume(k: ProbeNames, fn: string, slot: string, style: AsyncStyle): string;
  /** `suspension` (an await/yield) evaluated after `operand`, between `park` and `resume`: an expression. */
  suspend(k: ProbeNames, fn: string, slot: string, style: AsyncStyle, suspension: string, operand: string): string;
  /** First statement of a `catch` or `finally` in a function that suspends. */
  resumeAfterThrow(k: ProbeNames, fn: string): string;
  /** Takes back an activation that the epilogue closed before `super(…)`: a statement. */
  resumeAfterCall(k: ProbeNames, fn: string): string;
}

/** Exact mode's probe code (probe.ts). */
export const EXACT_PROBE_CODE: ProbeCode = {
  probe: (k, fn, slot) => `${probeCode(k, fn, slot)};`,
  prologue: prologueCode,
  epilogue: epilogueCode,
  park: parkCode,
  resume: resumeCode,
  suspend: suspendCode,
  resumeAfterThrow: resumeAfterThrowCode,
  resumeAfterCall: (k, fn) => `${resumeAfterCallCode(k, fn)};`,
};

/** Sampled mode's probe code (sampled-probe.ts), whose `resume` needs no slot. */
export const SAMPLED_PROBE_CODE: ProbeCode = {
  probe: sampledProbeCode,
  prologue: sampledPrologueCode,
  start: sampledStartCode,
  epilogue: sampledEpilogueCode,
  park: sampledParkCode,
  resume: (k, fn, _slot, style) => sampledResumeCode(k, fn, style),
  suspend: (k, fn, _slot, style, suspension, operand) => sampledSuspendCode(k, fn, style, suspension, operand),
  resumeAfterThrow: sampledResumeAfterThrowCode,
  resumeAfterCall: (k, fn) => `${sampledResumeAfterCallCode(k, fn)};`,
};
