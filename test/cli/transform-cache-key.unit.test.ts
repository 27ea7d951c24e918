/**
 * The instrumented-output cache never serves stale code (issue 15, section 1): whatever
 * setting changes a file's transform output changes its cache key. Each setting and
 * each other field of TransformOptions (the tables below have one entry each: they do
 * not typecheck when one is added and left out), and each input the transform reads
 * from its surroundings, is changed in turn with a cache that holds the output of the
 * other value: what comes back must equal the transform's output without a cache.
 * A setting the key leaves out (`transform: false` in SETTINGS) must not change the output.
 * (The nearest tsconfig.json is in the key too; its reader caches it for the process's life, as tsx's does.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { transformIfMarked } from '../../packages/cli/dist/node/hooks/load-transform.js';
import type { ModuleFormat, TransformOptions } from '../../packages/cli/src/node/hooks/transform-inputs.js';
import { createSettings } from '../../packages/cli/src/session/create-settings.js';
import { affectsTransform, type Settings } from '../../packages/cli/src/session/settings.js';

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

const BASE_SETTINGS = createSettings({ flags: { awaitTime: false, cache: false }, cwd: root });
const BASE: TransformOptions = { settings: BASE_SETTINGS, jsx: false };

/** A second value of every setting. */
const OTHER_SETTINGS: { [K in keyof Settings]-?: Settings[K] } = {
  unit: 1e-3,
  skipZero: true,
  sort: true,
  summarize: true,
  rich: true,
  html: 'report.html',
  outputInterval: 5,
  outputPrefix: 'other',
  awaitTime: true,
  compensate: false,
  recursion: 'inclusive',
  runtime: 'bun',
  sample: 128,
  profMod: [file],
  profImports: true,
  cache: true,
  cacheDir: path.join(root, 'other-cache'),
};

/** A second value of every other option (a -p target of this very file, the setup file elsewhere). */
const OTHER: { [K in Exclude<keyof TransformOptions, 'settings'>]-?: TransformOptions[K] } = {
  targets: { files: [file], dirs: [], modules: [file] },
  setup: path.join(root, 'setup.js'),
  jsx: true,
};

let caches = 0;

/** `options` with the output cache in `cacheDir` (none: undefined). */
const withCache = (options: TransformOptions, cacheDir: string | undefined): TransformOptions => ({ ...options, settings: { ...options.settings, cacheDir } });

/** The output for `changed` from a cache filled with the output for `before`, and without a cache. */
function cachedAndFresh(before: TransformOptions, changed: TransformOptions, format: ModuleFormat = 'module', changeSurroundings = (): void => {}): { cached?: string; fresh?: string } {
  const cacheDir = path.join(root, `cache-${caches++}`);
  transformIfMarked(SOURCE, file, format, withCache(before, cacheDir));
  changeSurroundings();
  return {
    cached: transformIfMarked(SOURCE, file, format, withCache(changed, changed.settings.cacheDir ?? cacheDir)),
    fresh: transformIfMarked(SOURCE, file, format, withCache(changed, undefined)),
  };
}

describe('the cache key covers every setting of the transform', () => {
  const base = transformIfMarked(SOURCE, file, 'module', BASE);

  for (const [name, value] of Object.entries(OTHER_SETTINGS)) {
    const key = name as keyof Settings;
    it(`setting ${name}: ${affectsTransform(key) ? 'changes the output, and the key' : 'leaves the output as it is'}`, () => {
      const changed = { ...BASE, settings: { ...BASE_SETTINGS, [key]: value } };
      const { cached, fresh } = cachedAndFresh(BASE, changed);
      expect(cached).toBe(fresh);
      if (affectsTransform(key)) expect(fresh).not.toBe(base);
      else expect(fresh).toBe(base);
    });
  }

  for (const [name, value] of Object.entries(OTHER)) {
    it(`option ${name}`, () => {
      const { cached, fresh } = cachedAndFresh(BASE, { ...BASE, [name]: value });
      expect(cached).toBe(fresh);
    });
  }

  it('the -p targets change the output (the case above is not vacuous)', () => {
    expect(transformIfMarked(SOURCE, file, 'module', { ...BASE, targets: OTHER.targets })).not.toBe(base);
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
