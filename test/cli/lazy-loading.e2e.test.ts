/**
 * Issue #12 item 2: a profiled process loads tsx, the transform (Babel) and esbuild only
 * when a file needs them; TypeScript still resolves and compiles as tsx does it, on
 * every supported Node.
 */
import { describe, expect, it } from 'vitest';
import { OTHER_NODES, createProject, hitsOf, readJson, runCli } from '../helpers/cli.js';

/** Prints which heavy modules this CommonJS process has loaded. */
const LIST_LOADED = "console.log(JSON.stringify(Object.keys(require.cache).filter((f) => /tsx|esbuild|babel|transform\\.cjs|parse\\.cjs/.test(f))))";

const NODES = [{ major: 20, path: process.execPath }, ...OTHER_NODES];

describe.each(NODES)('on Node $major', ({ path: node }) => {
  it('a child process that loads no TypeScript and nothing to profile loads none of them', async () => {
    const cwd = createProject({ 'plain.js': `${LIST_LOADED};\n` });
    const result = await runCli(['-q', '--', node, 'plain.js'], { cwd, node });
    expect(result).toMatchObject({ code: 0, stdout: '[]\n' });
  });

  it('a profiled TypeScript entry that imports nothing loads no tsx, and with a warm cache neither get-tsconfig nor node:crypto (CommonJS and ES module)', async () => {
    const listLoaded =
      "const files = Object.keys(process.getBuiltinModule('node:module')._cache).filter((f) => /[/\\\\](tsx|get-tsconfig)[/\\\\]/.test(f));\n" +
      "console.log(JSON.stringify([...files, ...(process.moduleLoadList.includes('NativeModule crypto') ? ['node:crypto'] : [])]));\n";
    const body = `// @profile\nfunction greet(name: string): string {\n  return name;\n}\ngreet('ts');\n`;
    const cwd = createProject({ 'entry.ts': `${body}${listLoaded}`, 'entry.mts': `export {};\n${body}${listLoaded}` });
    for (const [entry, line] of [['entry.ts', 3], ['entry.mts', 4]] as const) {
      const cold = await runCli(['-q', entry], { cwd, node });
      expect(cold).toMatchObject({ code: 0, stderr: '' });
      expect((JSON.parse(cold.stdout) as string[]).filter((file) => /[/\\]tsx[/\\]/.test(file))).toEqual([]);
      const warm = await runCli(['-q', entry], { cwd, node });
      expect(warm).toMatchObject({ code: 0, stdout: '[]\n', stderr: '' });
      expect(hitsOf(readJson<Parameters<typeof hitsOf>[0]>(cwd, `${entry}.lcprof`), 'greet')).toEqual({ [line]: 1 });
    }
  });

  it('a profiled TypeScript file compiled by the transform still has its imports resolved by tsx (extensionless, .js → .ts)', async () => {
    const cwd = createProject({
      'entry.ts': "import { a } from './a';\n// @profile\nfunction main(): number {\n  return a(1);\n}\nconsole.log(main());\n",
      'a.ts': "import { b } from './b.js';\n// @profile\nexport function a(n: number): number {\n  return b(n) + 1;\n}\n",
      'b.ts': 'export const b = (n: number): number => n * 10;\n',
    });
    const result = await runCli(['-q', 'entry.ts'], { cwd, node });
    expect(result).toMatchObject({ code: 0, stdout: '11\n', stderr: '' });
    const results = readJson<Parameters<typeof hitsOf>[0]>(cwd, 'entry.ts.lcprof');
    expect(hitsOf(results, 'main')).toEqual({ 4: 1 });
    expect(hitsOf(results, 'a')).toEqual({ 4: 1 });
  });

  it("a TypeScript program's import() of TypeScript is compiled by tsx, and profiled", async () => {
    const cwd = createProject({
      'dyn.ts': "void import('./b').then((m: { b(n: number): number }) => console.log(m.b(4)));\n",
      'b.ts': '// @profile\nexport function b(n: number): number {\n  return n * 10;\n}\n',
    });
    const result = await runCli(['-q', 'dyn.ts'], { cwd, node });
    expect(result).toMatchObject({ code: 0, stdout: '40\n', stderr: '' });
    expect(hitsOf(readJson<Parameters<typeof hitsOf>[0]>(cwd, 'dyn.ts.lcprof'), 'b')).toEqual({ 3: 1 });
  });
});
