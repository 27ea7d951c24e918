/**
 * The goal (script or module) a file is parsed with, decided as Node decides it: by the
 * extension (`.mjs`/`.mts` modules, `.cjs`/`.cts` scripts), then for `.js` by the
 * `type` of the nearest package.json, then by syntax detection (a file that is not a
 * valid script but is a valid module is a module). The two goals read some code
 * differently (`<!--` is a comment in a script, `await` an identifier), so the file is
 * parsed with exactly its goal (issue 13, causes 7 and 8). Bundlers take ES modules
 * where Node would not (an `import` in a `.js` file of a CommonJS package): the other
 * goal is tried when the preferred one fails.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';

/** A parse goal, as Babel's `sourceType` names it. */
export type Goal = 'script' | 'module';

/** The `type` of each directory's nearest package.json: `module`, `commonjs`, or undefined when none says. */
const packageTypes = new Map<string, string | undefined>();

/** The lowercase extension of `filename`, with its dot; empty when it has none. */
export function extensionOf(filename: string): string {
  const match = /\.[^./\\]+$/.exec(filename);
  return match ? match[0].toLowerCase() : '';
}

function readPackageType(file: string): string | undefined | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const { type } = JSON.parse(text) as { type?: unknown };
    return type === 'module' ? 'module' : 'commonjs';
  } catch {
    return undefined;
  }
}

/** The `type` of the package.json nearest to `dir` (a package.json without one is CommonJS). */
function packageTypeOf(dir: string): string | undefined {
  if (packageTypes.has(dir)) return packageTypes.get(dir);
  const found = readPackageType(join(dir, 'package.json'));
  const parent = dirname(dir);
  const type = found !== null ? found : parent === dir ? undefined : packageTypeOf(parent);
  packageTypes.set(dir, type);
  return type;
}

/** The goals to parse `filename` with, in order: Node's own first (a relative name has no package). */
export function goalsFor(filename: string): Goal[] {
  const ext = extensionOf(filename);
  if (ext === '.mjs' || ext === '.mts') return ['module'];
  if (ext === '.cjs' || ext === '.cts') return ['script'];
  const type = ext === '.js' && isAbsolute(filename) ? packageTypeOf(dirname(filename)) : undefined;
  return type === 'module' ? ['module', 'script'] : ['script', 'module'];
}
