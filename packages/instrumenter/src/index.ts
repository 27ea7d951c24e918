export { instrument, type InstrumentOptions, type InstrumentResult, type InstrumentedFunction } from './instrument.js';
export { InstrumentError, type InstrumentErrorCode } from './errors.js';
export { PROFILE_PRAGMA, INSTRUMENTED_MARKER } from './constants.js';
export { parseSource } from './parse.js';
