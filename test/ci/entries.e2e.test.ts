/**
 * The bundle entry table (packages/cli/src/entries.ts, issue 15): every source it names
 * exists, every bundle and declaration file it names is in the built lib/, and every file
 * that package.json gives users (exports, imports) is one of its bundles. A moved source
 * or a renamed bundle fails here or in the build, not in a user's run.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLES } from '../../packages/cli/src/entries.js';
import { CLI_PACKAGE } from '../helpers/register.js';

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
