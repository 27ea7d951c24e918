/**
 * What lib/parse.cjs bundles (scripts/bundle.mjs): Babel's parser as the instrumenter
 * configures it, its error type and Babel's code frames. One CommonJS file, required on
 * first use (see parser.ts): importing Babel's CommonJS packages from ES modules costs
 * the CLI ~50 ms of export detection at every start (issue #12).
 */
export { codeFrameColumns } from '@babel/code-frame';
export { InstrumentError } from '@linecount/instrumenter/errors';
export { parseSource } from '@linecount/instrumenter/parse';
