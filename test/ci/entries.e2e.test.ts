/**
 * The bundle entry table (packages/cli/src/entries.ts, issue 15): every source it names
 * exists, every bundle and declaration file it names is in the built lib/, and every file
 * that package.json gives users (exports, imports) is one of its bundles. A moved source
 * or a renamed bundle fails here or in the build, not in a user's run. The command is
 * shipped once: lib/index.js, the package's main export, re-exports lib/cli.cjs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLES } from '../../packages/cli/src/entries.js';
import * as api from '../../packages/cli/src/index.js';
import { OTHER_NODES, runProcess } from '../helpers/cli.js';
import { CLI_PACKAGE, createLinkedProject } from '../helpers/register.js';

const entries = Object.entries(BUNDLES) as [string, { source: string | undefined; lib: string; types?: string }][];

/** Every file path in the value of a package.json field, with its conditions. */
function filesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return value && typeof value === 'object' ? Object.values(value).flatMap(filesOf) : [];
}

const packageJson = JSON.parse(readFileSync(path.join(CLI_PACKAGE, 'package.json'), 'utf8')) as { exports: unknown; imports: unknown };

describe('the bundle entry table (src/entries.ts)', () => {
  it.each(entries.filter(([, entry]) => entry.source !== undefined))('%s: its source module exists', (_, entry) => {
    expect(existsSync(path.join(CLI_PACKAGE, 'src', entry.source!)), entry.source).toBe(true);
  });

  it.each(entries)('%s: its file is in the built lib/, and its declarations if it is an export', (_, entry) => {
    expect(existsSync(path.join(CLI_PACKAGE, 'lib', entry.lib)), entry.lib).toBe(true);
    if (entry.types) expect(existsSync(path.join(CLI_PACKAGE, 'lib', entry.types)), entry.types).toBe(true);
  });

  it("every file of package.json's exports and imports is a bundle of the table or its declarations", () => {
    const known = new Set(entries.flatMap(([, entry]) => [entry.lib, ...(entry.types ? [entry.types] : [])]).map((file) => `./lib/${file}`));
    const given = [...filesOf(packageJson.exports), ...filesOf(packageJson.imports)].filter((file) => file !== './package.json');
    expect(given.filter((file) => !known.has(file))).toEqual([]);
    for (const file of given) expect(existsSync(path.join(CLI_PACKAGE, file)), file).toBe(true);
  });
});

describe("the package's main export (lib/index.js, from lib/cli.cjs)", () => {
  const names = Object.keys(api).sort().join(' ');
  it.each([{ major: 20, path: process.execPath }, ...OTHER_NODES])('Node $major: import and require() give the API of src/index.ts, no more', async ({ path: node }) => {
    const cwd = createLinkedProject();
    const list = 'console.log(Object.keys(m).sort().join(" "))';
    const esm = await runProcess(node, ['--input-type=module', '-e', `import * as m from '@linecount/profiler'; ${list}`], { cwd });
    const cjs = await runProcess(node, ['-e', `const m = require('@linecount/profiler'); ${list}`], { cwd });
    expect(esm).toMatchObject({ code: 0, stdout: `${names}\n` });
    expect(cjs).toMatchObject({ code: 0, stdout: `${names}\n` });
  });

  it('lib/register.cjs requires no builtin at its start but node:path, which it requires lazily (issue 12)', () => {
    // scripts/bundle.mjs gives it `module.constructor` for node:module; a module it inlines must not import one back.
    const register = readFileSync(path.join(CLI_PACKAGE, 'lib', BUNDLES.register.lib), 'utf8');
    expect([...new Set(register.match(/require\("node:[a-z_]+"\)/g))]).toEqual(['require("node:path")']);
  });

  it('is the only place of the command in lib/: no ES module of lib/ holds it', () => {
    const command = readFileSync(path.join(CLI_PACKAGE, 'lib', BUNDLES.index.lib), 'utf8');
    expect(command).toMatch(/from '\.\/cli\.cjs'/);
    const modules = readdirSync(path.join(CLI_PACKAGE, 'lib'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    expect(modules.filter((file) => readFileSync(path.join(CLI_PACKAGE, 'lib', file), 'utf8').includes('function parseCommandLine('))).toEqual([]);
  });
});
