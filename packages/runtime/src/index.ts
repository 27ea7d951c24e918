export * from './constants.js';
export type * from './types.js';
export { createRuntime, getRuntime, installRuntime, type RegisteredFile, type Runtime } from './runtime.js';
export { hashText, registerSourceTexts } from './source-texts.js';
export { measureClockStep, measureProbeCost, type CalibrationOptions, type Clock } from './calibrate.js';
export { measureSampledCosts, type SampledCosts } from './calibrate-sampled.js';
export { createSampledStep, SampledStepMode, type SampledStep } from './sampled-step.js';
export {
  sampledEpilogueCode,
  sampledParkCode,
  sampledProbeCode,
  sampledPrologueCode,
  sampledResumeAfterCallCode,
  sampledResumeAfterThrowCode,
  sampledResumeCode,
  sampledSuspendCode,
  type SampledCounters,
} from './sampled-probe.js';
export {
  createProbeNames,
  createStep,
  epilogueCode,
  parkCode,
  probeCode,
  prologueCode,
  resumeAfterCallCode,
  resumeAfterThrowCode,
  resumeCode,
  suspendCode,
  type ProbeNames,
  type Step,
  type SuspendStyle,
} from './probe.js';
export {
  checkSameRecursionView,
  collectResults,
  mergeResults,
  parseResults,
  RecursionViewError,
  ResultsFormatError,
  type CollectOptions,
} from './results.js';
