import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSX_ENTRY_EXTENSIONS, TYPESCRIPT_EXTENSIONS } from '../../session/constants.js';
import type { ModuleFormat } from './transform-inputs.js';

/** The extension of a path or URL, lower-cased, without its query or hash. */
function extensionOf(pathOrUrl: string): string {
  return path.extname(pathOrUrl.replace(/[?#].*$/, '')).toLowerCase();
}

/**
 * Whether a file goes through tsx: TypeScript, and `.jsx` where the entry asked for JSX
 * (see JSX_ENTRY_EXTENSIONS). Everything else reaches Node and the program's own hooks
 * as without linecount (issue #12).
 * @param pathOrUrl A path, a `file:` URL or a specifier.
 * @param jsx JSX is wanted in this process ({@link wantsJsx}).
 */
export function needsTsx(pathOrUrl: string | undefined, jsx: boolean): boolean {
  if (pathOrUrl === undefined) return false;
  const ext = extensionOf(pathOrUrl);
  return TYPESCRIPT_EXTENSIONS.includes(ext) || (jsx && ext === '.jsx');
}

/** Whether the entry script of this process asks for JSX through tsx (a `.jsx` or `.tsx` script). */
export function wantsJsx(entry: string | undefined): boolean {
  return entry !== undefined && JSX_ENTRY_EXTENSIONS.includes(extensionOf(entry));
}

const packageTypes = new Map<string, ModuleFormat>();

/** The module format of `.js`-like files in `dir`: the nearest package.json's `type`. */
function packageFormat(dir: string): ModuleFormat {
  const known = packageTypes.get(dir);
  if (known) return known;
  let format: ModuleFormat;
  try {
    const { type } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { type?: string };
    format = type === 'module' ? 'module' : 'commonjs';
  } catch {
    const parent = path.dirname(dir);
    format = parent === dir ? 'commonjs' : packageFormat(parent);
  }
  packageTypes.set(dir, format);
  return format;
}

/**
 * The format Node (and tsx) give a file: `.mjs`/`.mts` module, `.cjs`/`.cts` CommonJS,
 * others as the nearest package.json's `type` says.
 */
export function moduleFormatOf(filename: string): ModuleFormat {
  const ext = extensionOf(filename);
  if (ext === '.mjs' || ext === '.mts') return 'module';
  if (ext === '.cjs' || ext === '.cts') return 'commonjs';
  return packageFormat(path.dirname(filename));
}
