export * from './constants.js';
export type * from './types.js';
export { createRuntime, getRuntime, installRuntime, type RegisteredFile, type Runtime } from './runtime.js';
export { hashText, registerSourceTexts } from './source-texts.js';
export { calibrateProbe, measureClockStep, measureProbeCost, type Calibration, type CalibrationOptions, type Clock } from './calibrate.js';
export { measureSampledCosts, type SampledCalibration, type SampledCosts } from './calibrate-sampled.js';
export { createSampledStep, SampledStepMode, type SampledStep } from './sampled-step.js';
export type { SampledCounters } from './sampled-probe.js';
export { createStep, type Step } from './probe.js';
export {
  checkSameRecursionView,
  collectResults,
  mergeResults,
  parseResults,
  RecursionViewError,
  ResultsFormatError,
  type CollectOptions,
} from './results.js';
