import { createRequire } from 'node:module';
import { PARSE_BUNDLE_PATH } from '../paths.js';
import type * as Syntax from './syntax.js';

/** The parser bundle (lib/parse.cjs, see syntax.ts), required on first use. */
export function loadParser(): typeof Syntax {
  return createRequire(import.meta.url)(PARSE_BUNDLE_PATH) as typeof Syntax;
}
