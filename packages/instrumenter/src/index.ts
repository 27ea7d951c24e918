export { instrument, type InstrumentOptions, type InstrumentResult } from './instrument.js';
export { instrumentProgram, type InstrumentedFunction, type ProgramOptions, type ProgramResult } from './program.js';
export { InstrumentError, describeInstrumentFailure, type InstrumentErrorCode } from './errors.js';
export { PROFILE_PRAGMA, INSTRUMENTED_MARKER, IDENTIFIER_PREFIX } from './constants.js';
export { parseSource } from './parse.js';
export { composeMaps } from './compose-maps.js';
export { functionSpans, type FunctionSpan } from './function-spans.js';
