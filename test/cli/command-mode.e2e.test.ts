import { describe, expect, it } from 'vitest';
import { createProject, hitsOf, readJson, runCli } from '../helpers/cli.js';
import { maskReport } from '../helpers/mask.js';

type Results = Parameters<typeof hitsOf>[0] & { meta: { argv: string[] } };

const fn = (name: string): string => `// @profile
function ${name}(n) {
  return n + 1;
}
for (let i = 0; i < Number(process.argv[2]); i++) ${name}(i);
`;

describe('linecount [options] -- <command…> (SPEC §4)', () => {
  it('merges every Node process a shell command starts into linecount.lcprof and reports', async () => {
    const cwd = createProject({ 'a.js': fn('inA'), 'b.js': fn('inB') });
    const result = await runCli(['-v', '--', 'sh', '-c', 'node a.js 3 && node b.js 4 && node a.js 2'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("Wrote profile results to 'linecount.lcprof'\nInspect results with:\nnpx linecount view linecount.lcprof\n");
    const results = readJson<Results>(cwd, 'linecount.lcprof');
    expect(hitsOf(results, 'inA')).toEqual({ 3: 5 });
    expect(hitsOf(results, 'inB')).toEqual({ 3: 4 });
    expect(results.meta.argv).toEqual(['linecount', '-v', '--', 'sh', '-c', 'node a.js 3 && node b.js 4 && node a.js 2']);
    expect(maskReport(result.stdout)).toContain('File: a.js\nFunction: inA at line 1\n');
    expect(maskReport(result.stdout)).toContain('File: b.js\nFunction: inB at line 1\n');
  });

  it('keeps the exit code, honours -o, and relative paths stay relative to the cwd of linecount', async () => {
    const cwd = createProject({ 'sub/a.js': fn('inA') });
    const result = await runCli(['-q', '-o', 'all.lcprof', '--', 'sh', '-c', 'cd sub && node a.js 2; exit 3'], { cwd });
    expect(result).toMatchObject({ code: 3, stderr: '' });
    const results = readJson<Results>(cwd, 'all.lcprof');
    expect(results.functions.map((f) => (f as { file?: string }).file)).toEqual(['sub/a.js']);
  });

  it('a command with no profiled function says so', async () => {
    const result = await runCli(['--', 'node', '-e', 'process.exitCode = 4'], { cwd: createProject() });
    expect(result).toMatchObject({ code: 4, stderr: 'linecount: no functions were profiled (add // @profile or use -p)\n' });
  });

  it('a missing command is an error, exit 2', async () => {
    const result = await runCli(['--', 'no-such-command-xyz'], { cwd: createProject() });
    expect(result).toMatchObject({ code: 2, stderr: 'linecount: cannot run no-such-command-xyz: command not found\n' });
  });

  it('-- with nothing after it is a usage error', async () => {
    const result = await runCli(['-v', '--'], { cwd: createProject() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^linecount: no command after --\nusage: /);
  });
});
