import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { loadParser } from './parser.js';

const BUILTINS = new Set(builtinModules);

/** Extensions tried after a relative specifier, and the TS files a `.js` specifier may name (as tsx does). */
const TRY_EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx', '/index.ts', '/index.js'];
const TS_FOR_JS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** String arguments of `import`/`export … from`, `import()` and `require()` anywhere in `node`. */
function collectSpecifiers(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const child of node) collectSpecifiers(child, out);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const n = node as { type?: string; source?: { type: string; value: unknown }; callee?: { type: string; name?: string }; arguments?: { type: string; value?: unknown }[] };
  if (n.source?.type === 'StringLiteral' && typeof n.source.value === 'string') out.add(n.source.value);
  const isLoader = n.callee?.type === 'Import' || (n.callee?.type === 'Identifier' && n.callee.name === 'require');
  const [first] = n.arguments ?? [];
  if (n.type === 'CallExpression' && isLoader && first?.type === 'StringLiteral') out.add(first.value as string);
  if (n.type === 'ImportExpression' && (n as { source?: { type: string; value: unknown } }).source?.type === 'StringLiteral') {
    out.add(String((n as { source: { value: unknown } }).source.value));
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'loc' && key !== 'leadingComments' && key !== 'trailingComments' && typeof value === 'object') collectSpecifiers(value, out);
  }
}

/** The `exports` target for `conditions`, in the package's order (Node's conditional exports). */
function exportTarget(value: unknown, conditions: readonly string[]): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = exportTarget(item, conditions);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (conditions.includes(key)) {
      const found = exportTarget(inner, conditions);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A bare specifier as `import` resolves it: the `import` condition of the package's
 * `exports` (the `.` entry or the subpath), else its `module`/`main` field; undefined
 * when the package is not found or names no such entry.
 */
export function resolveImport(specifier: string, fromDir: string): string | undefined {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = ['.', ...parts.slice(nameLength)].join('/');
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const packageDir = path.join(dir, 'node_modules', name);
    const manifest = path.join(packageDir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown; module?: string; main?: string };
      let target: string | undefined;
      if (pkg.exports !== undefined) {
        const entries = typeof pkg.exports === 'object' && pkg.exports !== null && !Array.isArray(pkg.exports) && Object.keys(pkg.exports).some((k) => k.startsWith('.'))
          ? (pkg.exports as Record<string, unknown>)[subpath]
          : subpath === '.' ? pkg.exports : undefined;
        target = exportTarget(entries, ['node', 'import', 'module', 'default']);
      } else if (subpath === '.') target = pkg.module ?? pkg.main ?? 'index.js';
      else target = subpath;
      return target === undefined ? undefined : resolveRelative(target, packageDir);
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

function resolveRelative(specifier: string, dir: string): string | undefined {
  const base = path.resolve(dir, specifier);
  for (const ext of TRY_EXTENSIONS) if (isFile(base + ext)) return base + ext;
  const ext = path.extname(base);
  for (const ts of TS_FOR_JS[ext] ?? []) {
    const candidate = base.slice(0, -ext.length) + ts;
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The files `script` imports directly (`--prof-imports`, SPEC §2): relative imports
 * resolved as tsx does (extensions, `.js` naming a `.ts`), package imports through
 * `require.resolve` from the script's directory. Node built-ins and what cannot be
 * resolved are left out. Real paths.
 */
export function directImportsOf(script: string): string[] {
  const specifiers = new Set<string>();
  collectSpecifiers(loadParser().parseSource(readFileSync(script, 'utf8'), script).program, specifiers);
  const dir = path.dirname(script);
  const require = createRequire(script);
  const files: string[] = [];
  for (const specifier of specifiers) {
    if (specifier.startsWith('node:') || BUILTINS.has(specifier)) continue;
    let file: string | undefined;
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) file = resolveRelative(specifier, dir);
    else {
      try {
        file = resolveImport(specifier, dir) ?? require.resolve(specifier);
      } catch {
        file = undefined;
      }
    }
    if (file) files.push(realpathSync(file));
  }
  return files;
}
