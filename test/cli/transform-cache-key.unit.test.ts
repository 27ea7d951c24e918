/**
 * The instrumented-output cache never serves stale code (issue 15, section 1): whatever
 * setting changes a file's transform output changes its cache key. Each setting of
 * the table below (one entry per field of TransformOptions: the table does not
 * typecheck when a field is added and left out), and each input the transform reads
 * from its surroundings, is changed in turn with a cache that holds the output of the
 * other value: what comes back must equal the transform's output without a cache.
 * (The nearest tsconfig.json is in the key too; its reader caches it for the process's life, as tsx's does.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { transformIfMarked } from '../../packages/cli/dist/node/hooks/load-transform.js';
import type { ModuleFormat, TransformOptions } from '../../packages/cli/src/node/hooks/transform-inputs.js';

const SOURCE = `// @profile
export async function f(a: number): Promise<number> {
  await null;
  const b = a ?? 0;
  return b + 1;
}
export function g() { return 2; }
`;

const root = mkdtempSync(path.join(tmpdir(), 'lc-key-'));
const file = path.join(root, 'm.ts');
writeFileSync(file, SOURCE);
writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'es2022' } }));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const BASE: TransformOptions = { awaitTime: false, jsx: false };

/** A second value of every option (a -p target of this very file, the setup file elsewhere). */
const OTHER: { [K in keyof TransformOptions]-?: TransformOptions[K] } = {
  awaitTime: true,
  sample: 128,
  profMod: { files: [file], dirs: [], modules: [file] },
  cacheDir: path.join(root, 'other-cache'),
  setup: path.join(root, 'setup.js'),
  jsx: true,
};

let caches = 0;

/** The output for `changed` from a cache filled with the output for `before`, and without a cache. */
function cachedAndFresh(before: TransformOptions, changed: TransformOptions, format: ModuleFormat = 'module', changeSurroundings = (): void => {}): { cached?: string; fresh?: string } {
  const cacheDir = path.join(root, `cache-${caches++}`);
  transformIfMarked(SOURCE, file, format, { ...before, cacheDir });
  changeSurroundings();
  return {
    cached: transformIfMarked(SOURCE, file, format, { ...changed, ...(changed.cacheDir === undefined && { cacheDir }) }),
    fresh: transformIfMarked(SOURCE, file, format, { ...changed, cacheDir: undefined }),
  };
}

describe('the cache key covers every setting of the transform', () => {
  for (const [name, value] of Object.entries(OTHER)) {
    it(`option ${name}`, () => {
      const { cached, fresh } = cachedAndFresh(BASE, { ...BASE, [name]: value });
      expect(cached).toBe(fresh);
    });
  }

  it('the options that change the output do change it (the cases above are not vacuous)', () => {
    const base = transformIfMarked(SOURCE, file, 'module', BASE);
    for (const name of ['awaitTime', 'sample', 'profMod'] as const) {
      expect(transformIfMarked(SOURCE, file, 'module', { ...BASE, [name]: OTHER[name] }), name).not.toBe(base);
    }
  });

  it('the module format', () => {
    const { cached, fresh } = cachedAndFresh(BASE, BASE, 'commonjs');
    expect(cached).toBe(fresh);
    expect(fresh).not.toBe(transformIfMarked(SOURCE, file, 'module', BASE));
  });

  it('the coverage tool reading the process (nyc)', () => {
    const plain = transformIfMarked(SOURCE, file, 'module', BASE);
    try {
      const { cached, fresh } = cachedAndFresh(BASE, BASE, 'module', () => {
        process.env.NYC_CONFIG = '{}';
      });
      expect(fresh).not.toBe(plain);
      expect(cached).toBe(fresh);
    } finally {
      delete process.env.NYC_CONFIG;
    }
  });

  it('the Node version (esbuild compiles TypeScript for the running Node, as tsx does)', () => {
    const { node } = process.versions;
    try {
      const { cached, fresh } = cachedAndFresh(BASE, BASE, 'module', () => {
        Object.defineProperty(process.versions, 'node', { value: '12.0.0' });
      });
      expect(fresh).toContain('a!=null?a:0');
      expect(cached).toBe(fresh);
    } finally {
      Object.defineProperty(process.versions, 'node', { value: node });
    }
  });
});
