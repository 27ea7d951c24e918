import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PRAGMA_HINT, SCRIPT_EXTENSIONS } from '../../session/constants.js';
import { isProfTarget, type ProfTargets } from '../../session/prof-target-set.js';

/** The files a Bun process instruments, by how Bun loads them (see bun-plugin.ts). */
export interface BunTargets {
  /** ES modules and TypeScript: Bun's plugin. */
  modules: string[];
  /** CommonJS: `Module._extensions`. */
  commonjs: string[];
}

/** Files larger than this are not read for a `// @profile` (bundles, generated code). */
const MAX_SCANNED_BYTES = 4 * 1024 * 1024;

/** An `import`/`export` statement: the file is an ES module whatever its extension says. */
const MODULE_SYNTAX = /^[ \t]*(?:import\s*[\w{*'"]|export\s)/m;

/** How Bun loads a file: `.mjs`/`.mts` and files with module syntax as ES modules, CommonJS otherwise. */
function isCommonJs(file: string, source: string): boolean {
  const ext = path.extname(file);
  if (ext === '.mjs' || ext === '.mts') return false;
  return ext === '.cjs' || ext === '.cts' || !MODULE_SYNTAX.test(source);
}

/** Every script under `dir`, skipping dot-directories and, unless `packages`, node_modules. */
function* scriptsUnder(dir: string, packages: boolean): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || (entry.name === 'node_modules' && !packages)) continue;
      yield* scriptsUnder(full, packages);
    } else if (entry.isFile() && SCRIPT_EXTENSIONS.includes(path.extname(entry.name))) {
      yield full;
    }
  }
}

/**
 * The files of the run to instrument under Bun, found before the program starts: Bun's
 * plugin must be told which files it takes (issue 19). Those under `cwd` (outside
 * node_modules) with a `// @profile`, and every script of the `-p` targets.
 */
export function findBunTargets(cwd: string, profMod: ProfTargets | undefined): BunTargets {
  const targets: BunTargets = { modules: [], commonjs: [] };
  const seen = new Set<string>();
  const consider = (file: string, selected: boolean): void => {
    if (seen.has(file)) return;
    seen.add(file);
    let source;
    try {
      if (statSync(file).size > MAX_SCANNED_BYTES && !selected) return;
      source = readFileSync(file, 'utf8');
    } catch {
      return;
    }
    if (!selected && !PRAGMA_HINT.test(source)) return;
    (isCommonJs(file, source) ? targets.commonjs : targets.modules).push(file);
  };
  for (const file of profMod?.files ?? []) consider(file, true);
  for (const dir of profMod?.dirs ?? []) for (const file of scriptsUnder(dir, true)) consider(file, true);
  for (const file of scriptsUnder(cwd, false)) consider(file, isProfTarget(file, profMod));
  return targets;
}
