import { basename } from 'node:path';
import { parse, type ParserOptions, type ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';
import { InstrumentError } from './errors.js';
import { JSX_EXTENSIONS, TYPESCRIPT_EXTENSIONS } from './constants.js';
import { extensionOf, goalsFor, type Goal } from './source-goal.js';

function pluginsFor(ext: string): ParserPlugin[] {
  const plugins: ParserPlugin[] = ['decorators-legacy', 'explicitResourceManagement', 'importAttributes'];
  if (TYPESCRIPT_EXTENSIONS.includes(ext)) plugins.push('typescript');
  if (JSX_EXTENSIONS.includes(ext) || ext === '') plugins.push('jsx');
  return plugins;
}

function parseAs(code: string, filename: string, goal: Goal): t.File {
  const options: ParserOptions = {
    sourceType: goal,
    sourceFilename: basename(filename),
    plugins: pluginsFor(extensionOf(filename)),
    // A CommonJS module's code is a function body; a script's `await` is an identifier.
    allowReturnOutsideFunction: true,
    allowNewTargetOutsideFunction: true,
    allowUndeclaredExports: true,
    createParenthesizedExpressions: false,
    errorRecovery: false,
  };
  return parse(code, options);
}

/**
 * Parses JS, TS, JSX or TSX chosen by the file extension, with the goal Node would give
 * the file (see source-goal.ts): the first goal that parses it; throws
 * {@link InstrumentError} with the first goal's error when none does.
 */
export function parseSource(code: string, filename: string): t.File {
  const [first, ...others] = goalsFor(filename);
  try {
    return parseAs(code, filename, first!);
  } catch (error) {
    for (const goal of others) {
      try {
        return parseAs(code, filename, goal);
      } catch {
        // The first goal's error is the one reported.
      }
    }
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const reason = (error as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    throw new InstrumentError('LINECOUNT_SYNTAX_ERROR', reason, filename, loc, { cause: error });
  }
}
