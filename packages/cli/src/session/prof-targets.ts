import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { SCRIPT_EXTENSIONS } from './constants.js';
import { warn } from './diagnostics.js';
import { directImportsOf, resolveImport } from './prof-imports.js';
import type { ProfTargets } from './prof-target-set.js';
import type { Settings } from './settings.js';

export { isProfTarget, type ProfTargets } from './prof-target-set.js';


const GLOB_CHARS = /[*?[\]{}]/;

/** Splits `-p a,b -p c` into `[a, b, c]`. */
export function splitTargets(values: readonly string[]): string[] {
  return values.flatMap((value) => value.split(',')).map((target) => target.trim()).filter((target) => target !== '');
}

function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** A glob as a regular expression over `/`-separated paths: `**`, `*`, `?`, `{a,b}`. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') source += '(?:';
    else if (c === '}') source += ')';
    else if (c === ',') source += '|';
    else source += /[\\^$.|+()[\]]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${source}$`);
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && SCRIPT_EXTENSIONS.includes(path.extname(entry.name))) out.push(full);
  }
}

/** The script files matching a glob, relative to `base`; `node_modules` and dot folders are not searched. */
function expandGlob(glob: string, base: string): string[] {
  const absolute = path.resolve(base, glob).split(path.sep).join('/');
  const parts = absolute.split('/');
  const fixed = parts.findIndex((part) => GLOB_CHARS.test(part));
  const root = parts.slice(0, fixed).join('/') || '/';
  if (!existsSync(root)) return [];
  const pattern = globToRegExp(absolute);
  const files: string[] = [];
  walk(root, files);
  return files.filter((file) => pattern.test(file.split(path.sep).join('/')));
}

/** `@scope/name/sub` → `@scope/name`; undefined for a relative or absolute path. */
function packageName(specifier: string): string | undefined {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The directory of package `name` seen from `fromDir`, as Node looks it up (node_modules upwards). */
function findPackageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return real(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * A bare specifier: `-p marked` selects the package's whole directory (whichever of its
 * CJS/ESM builds the program loads); `-p pkg/sub` the file `import` (else `require`) finds.
 */
function resolvePackage(specifier: string, scriptDir: string, targets: ProfTargets): boolean {
  const name = packageName(specifier);
  if (name === undefined) return false;
  const dir = findPackageDir(name, scriptDir);
  if (dir === undefined) return false;
  if (name === specifier) {
    targets.dirs.push(dir);
    return true;
  }
  try {
    targets.files.push(real(resolveImport(specifier, scriptDir) ?? createRequire(path.join(scriptDir, 'noop.js')).resolve(specifier)));
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves `-p` targets (SPEC §2): a file or directory relative to the cwd, a glob, or a
 * bare package specifier resolved from the script's directory. A target that matches
 * nothing is reported to `warn` (`<target>: no such file or package`, for the caller to
 * say where it came from) and skipped.
 * @param script Absolute path of the script; when a target is the script itself, its
 *   module top-level code is profiled too.
 * @param [profImports=false] With the script a target, also select the files it imports
 *   directly (`--prof-imports`).
 */
export function resolveProfTargets(
  values: readonly string[],
  cwd: string,
  script: string | undefined,
  warn: (message: string) => void,
  profImports = false,
): ProfTargets {
  const targets: ProfTargets = { files: [], dirs: [], modules: [] };
  const scriptDir = script ? path.dirname(script) : cwd;
  const realScript = script && real(script);
  for (const target of splitTargets(values)) {
    const file = path.resolve(cwd, target);
    if (existsSync(file)) {
      const resolved = real(file);
      if (statSync(resolved).isDirectory()) targets.dirs.push(resolved);
      else {
        targets.files.push(resolved);
        if (resolved === realScript) targets.modules.push(resolved);
      }
      continue;
    }
    if (GLOB_CHARS.test(target)) {
      const files = expandGlob(target, cwd).map(real);
      if (files.length > 0) {
        targets.files.push(...files);
        if (realScript && files.includes(realScript)) targets.modules.push(realScript);
        continue;
      }
    } else if (resolvePackage(target, scriptDir, targets)) continue;
    warn(`${target}: no such file or package`);
  }
  if (profImports && realScript && targets.modules.includes(realScript)) targets.files.push(...directImportsOf(realScript));
  return targets;
}

/**
 * The targets of the settings' `profMod` for a session (undefined when there are none),
 * resolved as {@link resolveProfTargets} does; one that matches nothing is a warning
 * (SPEC §9: the program runs anyway) that says where it came from.
 * @param label How the targets were given: `-p` or `profMod`.
 */
export function sessionTargets(settings: Pick<Settings, 'profMod' | 'profImports'>, cwd: string, script: string | undefined, label: string): ProfTargets | undefined {
  if (settings.profMod.length === 0) return undefined;
  return resolveProfTargets(settings.profMod, cwd, script, (message) => warn(`${label} ${message}`), settings.profImports);
}
