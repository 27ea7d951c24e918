import { createRequire } from 'node:module';
import { bundlePath } from '../bundle-paths.js';
import type * as Syntax from './syntax.js';

/** The parser bundle (lib/parse.cjs, see syntax.ts), required on first use. */
export function loadParser(): typeof Syntax {
  return createRequire(import.meta.url)(bundlePath('parse')) as typeof Syntax;
}
