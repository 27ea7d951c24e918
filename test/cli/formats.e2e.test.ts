import { realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createProject, hitsOf, readJson, runCli, type RunResult } from '../helpers/cli.js';

type Results = Parameters<typeof hitsOf>[0];

/** The same profiled function in each module flavour the CLI runs (SPEC §4). */
const BODY = `// @profile
function triple(x) {
  const y = x * 3;
  return y;
}`;

const CASES: Record<string, string> = {
  'app.js': `${BODY}\nconsole.log([1, 2, 3].map(triple).join(','));\n`,
  'app.cjs': `${BODY}\nconst { sep } = require('node:path');\nconsole.log([1, 2, 3].map(triple).join(','), typeof sep);\n`,
  'app.mjs': `import { sep } from 'node:path';\n${BODY}\nconsole.log([1, 2, 3].map(triple).join(','), typeof sep);\n`,
  'app.ts': `${BODY.replace('(x)', '(x: number)')}\nconst xs: number[] = [1, 2, 3];\nconsole.log(xs.map(triple).join(','));\n`,
  'app.mts': `import { sep } from 'node:path';\n${BODY.replace('(x)', '(x: number)')}\nconsole.log([1, 2, 3].map(triple).join(','), typeof sep);\n`,
  'app.cts': `${BODY.replace('(x)', '(x: number)')}\nconst { sep } = require('node:path');\nconsole.log([1, 2, 3].map(triple).join(','), typeof sep);\n`,
  'app.tsx': `${BODY.replace('(x)', '(x: number)')}\nconst h = (tag: string, _p: unknown, ...c: unknown[]) => c.join(tag);\nconst el = <b>{[1, 2, 3].map(triple).join(',')}</b>;\nconsole.log(String(el));\n`,
  'app.jsx': `${BODY}\nconst h = (tag, _p, ...c) => c.join(tag);\nconst el = <b>{[1, 2, 3].map(triple).join(',')}</b>;\nconsole.log(String(el));\n`,
};

function lineOffset(file: string): number {
  return file.startsWith('app.m') && file !== 'app.mjs' ? 1 : file === 'app.mjs' ? 1 : 0;
}

describe.each(Object.keys(CASES))('linecount %s', (file) => {
  it('profiles the marked function with exact hits at the original lines', async () => {
    const withJsxPragma = file.endsWith('x') ? `/** @jsx h */\n${CASES[file]}` : CASES[file]!;
    const cwd = createProject({ [file]: withJsxPragma });
    const result: RunResult = await runCli([file], { cwd });
    expect(result.stderr).toContain(`Wrote profile results to '${file}.lcprof'`);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^3,6,9/);
    const offset = lineOffset(file) + (file.endsWith('x') ? 1 : 0);
    expect(hitsOf(readJson<Results>(cwd, `${file}.lcprof`), 'triple')).toEqual({ [3 + offset]: 3, [4 + offset]: 3 });
  });
});

describe('instrumented TypeScript is compiled with the nearest tsconfig.json, as tsx does', () => {
  it('honours jsxFactory and experimentalDecorators', async () => {
    const cwd = createProject({
      'tsconfig.json': '{ "compilerOptions": { "jsx": "react", "jsxFactory": "h", "experimentalDecorators": true } }\n',
      'src/app.tsx': `const h = (tag: string, _p: unknown, ...c: unknown[]) => \`<\${tag}>\${c.join('')}</\${tag}>\`;
function logged(_t: object, key: string, d: PropertyDescriptor): void {
  const inner = d.value as () => string;
  d.value = function (this: unknown) { return \`\${key}:\${inner.call(this)}\`; };
}
class View {
  @logged
  // @profile
  render(): string {
    return <p>{[1, 2].join('+')}</p>;
  }
}
console.log(new View().render());
`,
    });
    const result = await runCli(['src/app.tsx'], { cwd });
    expect(result.stdout).toBe('render:<p>1+2</p>\n');
    expect(hitsOf(readJson<Results>(cwd, 'app.tsx.lcprof'), 'View.render')).toEqual({ 10: 1 });
  });
});

describe('import.meta in a profiled ES module TypeScript entry', () => {
  it("is the module's own, as under tsx (Node 20 runs a .mts entry as CommonJS)", async () => {
    const cwd = createProject({ 'meta.mts': `// @profile\nfunction meta(): string {\n  return [import.meta.url, import.meta.filename, import.meta.dirname].join('|');\n}\nconsole.log(meta());\n` });
    const result = await runCli(['-q', 'meta.mts'], { cwd });
    const file = path.join(realpathSync(cwd), 'meta.mts');
    expect(result).toMatchObject({ code: 0, stdout: `${pathToFileURL(file).href}|${file}|${path.dirname(file)}\n` });
    expect(hitsOf(readJson<Results>(cwd, 'meta.mts.lcprof'), 'meta')).toEqual({ 3: 1 });
  });
});
