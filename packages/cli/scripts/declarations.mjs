/**
 * The type declarations of the published package (issue #16): the `.d.ts` files that the
 * exports' declarations reach, copied from tsc's output into lib/. Those of the unpublished
 * workspace packages go under lib/types/, and their imports become relative paths.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PACKAGES = new URL('../../', import.meta.url).pathname;

/** Workspace packages whose declarations ship inside this one: import → [package, file]. */
const WORKSPACE_TYPES = {
  '@linecount/runtime': ['runtime', 'index.d.ts'],
  '@linecount/instrumenter': ['instrumenter', 'index.d.ts'],
  '@linecount/instrumenter/babel': ['instrumenter', 'babel-plugin.d.ts'],
  '@linecount/instrumenter/parse': ['instrumenter', 'parse.d.ts'],
  '@linecount/instrumenter/errors': ['instrumenter', 'errors.d.ts'],
};

const SPECIFIER = /(from\s+|import\s*\(\s*)'([^']+)'/g;

/**
 * Where a declaration file of the workspace goes in lib/.
 * @param {string} file Absolute path under packages/<name>/dist/.
 * @param {string} cliDist packages/cli/dist/.
 * @param {string} libDir packages/cli/lib/.
 */
function outputPath(file, cliDist, libDir) {
  if (file.startsWith(cliDist)) return path.join(libDir, path.relative(cliDist, file));
  const [name, , ...rest] = path.relative(PACKAGES, file).split(path.sep);
  return path.join(libDir, 'types', name, ...rest);
}

/**
 * The declaration file an import of `from` names, or undefined for another package's.
 * @param {string} specifier
 * @param {string} from Absolute path of the importing `.d.ts`.
 */
function resolveDeclaration(specifier, from) {
  if (specifier.startsWith('.')) return path.resolve(path.dirname(from), specifier.replace(/\.js$/, '.d.ts'));
  const target = WORKSPACE_TYPES[specifier];
  return target && path.join(PACKAGES, target[0], 'dist', target[1]);
}

/**
 * Writes the declaration file `file` of an export whose module is elsewhere in lib/:
 * it re-exports that module's declarations (`target`), its default export too if it has one.
 * @param {string} file
 * @param {string} source The module's declarations in dist/.
 * @param {string} target Where they are copied in lib/.
 */
function writeReexport(file, source, target) {
  let relative = path.relative(path.dirname(file), target).replace(/\.d\.ts$/, '.js');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const hasDefault = /\bexport default\b|\bas default\b/.test(readFileSync(source, 'utf8'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `export * from '${relative}';\n${hasDefault ? `export { default } from '${relative}';\n` : ''}`);
}

/**
 * Copies the declarations reachable from the exports' into lib/, imports rewritten; an
 * export's declarations that tsc put elsewhere are re-exported from where package.json names them.
 * @param {string} cliDist packages/cli/dist/ (tsc's output).
 * @param {string} libDir packages/cli/lib/.
 * @param {readonly import('../src/entries.ts').BundleEntry[]} bundles The bundles (src/entries.ts): those with `types` are exports.
 */
export function copyDeclarations(cliDist, libDir, bundles) {
  const entries = new Map(bundles.filter((bundle) => bundle.types).map((bundle) => [bundle.types, bundle.source.replace(/\.ts$/, '.d.ts')]));
  const pending = [...entries.values()].map((entry) => path.join(cliDist, entry));
  for (const [file, entry] of entries) {
    if (file !== entry) writeReexport(path.join(libDir, file), path.join(cliDist, entry), outputPath(path.join(cliDist, entry), cliDist, libDir));
  }
  const done = new Set();
  while (pending.length > 0) {
    const file = pending.pop();
    if (done.has(file)) continue;
    done.add(file);
    const out = outputPath(file, cliDist, libDir);
    const text = readFileSync(file, 'utf8')
      .replace(/^\/\/# sourceMappingURL=.*$/m, '')
      .replace(SPECIFIER, (whole, prefix, specifier) => {
        const target = resolveDeclaration(specifier, file);
        if (target === undefined) return whole;
        pending.push(target);
        const relative = path.relative(path.dirname(out), outputPath(target, cliDist, libDir)).replace(/\.d\.ts$/, '.js');
        return `${prefix}'${relative.startsWith('.') ? relative : `./${relative}`}'`;
      });
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, text);
  }
}
