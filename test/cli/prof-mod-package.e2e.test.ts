/**
 * Issue #4's acceptance test: profile an installed third-party package wholesale with
 * `-p <package>` while the program does real work with it — `marked` rendering this
 * repository's own documentation — and check that the program's output is
 * byte-identical to an uninstrumented run and that the report lists the package's hot
 * functions with hits (STYLE.md: "Real programs").
 */
import { readFileSync, symlinkSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, createProject, readJson, runCli, runProcess } from '../helpers/cli.js';

interface Results {
  functions: { name: string; file: string; line: number; endLine: number; lines: [number, number, number][]; totalTime: number }[];
  sources: Record<string, string>;
}

const RENDER = `import { readFileSync } from 'node:fs';
import { marked } from 'marked';
const doc = readFileSync(new URL('./doc.md', import.meta.url), 'utf8');
process.stdout.write(marked.parse(doc));
`;

describe('-p <package>: a real package, wholesale', () => {
  it('marked renders the README the same, and its hot functions are reported with hits', async () => {
    const documents = ['README.md', 'docs/lcprof-format.md', 'docs/accuracy.md'];
    const doc = documents.map((name) => readFileSync(path.join(REPO, name), 'utf8')).join('\n');
    const cwd = createProject({ 'render.mjs': RENDER, 'doc.md': doc });
    mkdirSync(path.join(cwd, 'node_modules'));
    symlinkSync(path.join(REPO, 'node_modules/marked'), path.join(cwd, 'node_modules/marked'), 'dir');

    const plain = await runProcess(process.execPath, ['render.mjs'], { cwd });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('<h1>linecount</h1>');
    const profiled = await runCli(['-q', '-o', 'marked.lcprof', '-p', 'marked', 'render.mjs'], { cwd });
    expect(profiled.stderr).toBe('');
    expect(profiled.code).toBe(0);
    expect(profiled.stdout).toBe(plain.stdout);

    const results = readJson<Results>(cwd, 'marked.lcprof');
    // marked.esm.js carries marked.esm.js.map: its functions are reported in marked's
    // src/*.ts, whose texts only the map has (issue #12, item 7).
    const files = ['defaults', 'rules', 'helpers', 'Tokenizer', 'Lexer', 'Renderer', 'TextRenderer', 'Parser', 'Hooks', 'Instance', 'marked'];
    expect(new Set(results.functions.map((fn) => path.relative(path.dirname(path.dirname(fn.file)), fn.file)))).toEqual(
      new Set(files.map((name) => `src/${name}.ts`)),
    );
    // The names the map records for what the bundler renamed (`escape2` is `escape`).
    expect(results.functions.filter((fn) => /^escape\d*$/.test(fn.name)).map((fn) => `${path.basename(fn.file)} ${fn.name}`)).toEqual([
      'helpers.ts escape',
    ]);
    for (const fn of results.functions) {
      const listing = results.sources[fn.file]!.split('\n').slice(fn.line - 1, fn.endLine);
      // The listing starts at the function's name, and every line with hits is in it.
      const own = fn.name.split('.').at(-1)!;
      if (!/[<[]/.test(own)) expect(listing.slice(0, 2).join(' ')).toContain(own);
      for (const [line] of fn.lines) expect(listing[line - fn.line]?.trim()).toBeTruthy();
    }
    const hits = (name: string): number => {
      const fns = results.functions.filter((fn) => fn.name === name);
      expect(fns.length).toBeGreaterThan(0);
      return Math.max(...fns.flatMap((fn) => fn.lines.map(([, count]) => count)));
    };
    expect(hits('_Lexer.blockTokens')).toBeGreaterThan(100);
    expect(hits('_Lexer.inlineTokens')).toBeGreaterThan(100);
    expect(hits('_Renderer.paragraph')).toBeGreaterThan(10);
    expect(hits('marked')).toBe(1);
    // Inclusive times: the entry's total contains the lexer's and the parser's entries
    // (a relation that holds under any load, unlike a ranking among their callees).
    // (`_Lexer.lex` names both the static and the instance method: take the larger.)
    const total = (name: string): number => Math.max(...results.functions.filter((fn) => fn.name === name).map((fn) => fn.totalTime));
    expect(total('_Lexer.lex')).toBeGreaterThan(0);
    expect(total('_Parser.parse')).toBeGreaterThan(0);
    expect(total('marked')).toBeGreaterThan(total('_Lexer.lex'));
    expect(total('marked')).toBeGreaterThan(total('_Parser.parse'));
  });
});
