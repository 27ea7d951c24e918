import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, createProject, hitsOf, readJson, runCli } from '../helpers/cli.js';
import { maskReport } from '../helpers/mask.js';

const EXPECTED = path.join(FIXTURES, 'cli/golden/expected.txt');

describe('linecount -l -v on a TypeScript file', () => {
  it("prints kernprof's table, time columns masked, byte for byte", async () => {
    const cwd = createProject({}, 'cli/golden');
    const result = await runCli(['-l', '-v', 'shapes.ts'], { cwd });
    expect(result.stderr).toBe("Wrote profile results to 'shapes.ts.lcprof'\nInspect results with:\nnpx linecount view shapes.ts.lcprof\n");
    expect(result.code).toBe(0);
    const masked = maskReport(result.stdout);
    // Regenerate only on request, never on CI (STYLE.md).
    if (process.env.UPDATE_GOLDEN && !process.env.CI) writeFileSync(EXPECTED, masked);
    expect(masked).toBe(readFileSync(EXPECTED, 'utf8'));
  });

  it('reports original TS lines although types, enums and overloads move the compiled JS', async () => {
    const cwd = createProject({}, 'cli/golden');
    await runCli(['shapes.ts'], { cwd });
    const results = readJson<Parameters<typeof hitsOf>[0]>(cwd, 'shapes.ts.lcprof');
    expect(hitsOf(results, 'area')).toEqual({ 18: 10, 19: 10, 20: 5, 22: 5 });
    expect(hitsOf(results, 'Canvas.total')).toEqual({ 35: 1, 36: 11, 37: 10, 39: 1 });
  });
});
