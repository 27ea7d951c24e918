/**
 * `@linecount/profiler/babel` (SPEC §8): files compiled with the plain Babel plugin, as Jest or
 * babel-loader would, import `@linecount/profiler/runtime` first and run under `LINE_PROFILE=1
 * node` like the bundler plugins' output; off, they behave as the original.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { transformSync } from '@babel/core';
import { describe, expect, it } from 'vitest';
import { hitsOf, readJson } from '../helpers/cli.js';
import { createLinkedProject, listOutputs, runNode, type Results } from '../helpers/register.js';

const WORDS = ['profiling', 'linecount'];
const VOWELS = 'aeiou';

const body = `// @profile
function countVowels(text) {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (${JSON.stringify(VOWELS)}.includes(text[i])) count++;
  }
  return count;
}
console.log(${WORDS.map((word) => `countVowels(${JSON.stringify(word)})`).join(', ')});
`;

const SOURCES = {
  'app.cjs': `${body}module.exports = { countVowels };\n`,
  'app.mjs': `${body}export { countVowels };\n`,
};

/** Hits of countVowels at lines 3–7 of {@link body} for {@link WORDS}. */
function expectedHits(): Record<number, number> {
  const letters = WORDS.join('').length;
  return { 3: WORDS.length, 4: letters + WORDS.length, 5: letters, 7: WORDS.length };
}

describe.each(Object.entries(SOURCES))('@linecount/profiler/babel on %s', (name, source) => {
  const compile = (): string => {
    const result = transformSync(source, { filename: name, babelrc: false, configFile: false, plugins: ['@linecount/profiler/babel'] });
    const dir = createLinkedProject({ [`src/${name}`]: source });
    writeFileSync(path.join(dir, name), result!.code!);
    return dir;
  };

  it('LINE_PROFILE=1: profiled at the original lines', async () => {
    const cwd = compile();
    const plain = await runNode([`src/${name}`], { cwd });
    const result = await runNode([name], { cwd, env: { LINE_PROFILE: '1' } });
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith(plain.stdout)).toBe(true);
    expect(hitsOf(readJson<Results>(cwd, 'profile_output.lcprof'), 'countVowels')).toEqual(expectedHits());
  });

  it('LINE_PROFILE unset: what the original does, no files', async () => {
    const cwd = compile();
    const before = listOutputs(cwd);
    expect(await runNode([name], { cwd })).toEqual(await runNode([`src/${name}`], { cwd }));
    expect(listOutputs(cwd)).toEqual(before);
  });
});

// Sampled mode (SPEC §3): `sample: K` in the plugin's options; hits stay exact.
describe('@linecount/profiler/babel with { sample: 2 }', () => {
  it('LINE_PROFILE=1: exact hits, a version 2 file with the rate and samples per line', async () => {
    const source = SOURCES['app.cjs'];
    const result = transformSync(source, { filename: 'app.cjs', babelrc: false, configFile: false, plugins: [['@linecount/profiler/babel', { sample: 2 }]] });
    const cwd = createLinkedProject({ 'src/app.cjs': source });
    writeFileSync(path.join(cwd, 'app.cjs'), result!.code!);
    const plain = await runNode(['src/app.cjs'], { cwd });
    const profiled = await runNode(['app.cjs'], { cwd, env: { LINE_PROFILE: '1' } });
    expect(profiled.stderr).toBe('');
    expect(profiled.stdout.startsWith(plain.stdout)).toBe(true);
    const results = readJson<Results & { version: number; sample?: { rate: number } }>(cwd, 'profile_output.lcprof');
    expect(hitsOf(results, 'countVowels')).toEqual(expectedHits());
    expect(results.version).toBe(2);
    expect(results.sample?.rate).toBe(2);
    // Every line ran fewer than M times: timed at every hit.
    for (const [, hits, , samples] of results.functions[0]!.lines as unknown as number[][]) expect(samples).toBe(hits);
  });
});
