import { basename } from 'node:path';
import { parse, type ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';
import { InstrumentError } from './errors.js';
import { JSX_EXTENSIONS, TYPESCRIPT_EXTENSIONS } from './constants.js';

function extensionOf(filename: string): string {
  const match = /\.[^./\\]+$/.exec(filename);
  return match ? match[0].toLowerCase() : '';
}

function pluginsFor(filename: string): ParserPlugin[] {
  const ext = extensionOf(filename);
  const plugins: ParserPlugin[] = ['decorators-legacy', 'explicitResourceManagement', 'importAttributes'];
  if (TYPESCRIPT_EXTENSIONS.includes(ext)) plugins.push('typescript');
  if (JSX_EXTENSIONS.includes(ext) || ext === '') plugins.push('jsx');
  return plugins;
}

function sourceTypeFor(filename: string): 'module' | 'script' | 'unambiguous' {
  const ext = extensionOf(filename);
  if (ext === '.mjs' || ext === '.mts') return 'module';
  if (ext === '.cjs' || ext === '.cts') return 'script';
  return 'unambiguous';
}

/** Parses JS, TS, JSX or TSX chosen by the file extension; throws {@link InstrumentError}. */
export function parseSource(code: string, filename: string): t.File {
  try {
    return parse(code, {
      sourceType: sourceTypeFor(filename),
      sourceFilename: basename(filename),
      plugins: pluginsFor(filename),
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowNewTargetOutsideFunction: true,
      allowUndeclaredExports: true,
      createParenthesizedExpressions: false,
      errorRecovery: false,
    });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const reason = (error as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    throw new InstrumentError('LINECOUNT_SYNTAX_ERROR', reason, filename, loc, { cause: error });
  }
}
