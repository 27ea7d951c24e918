/**
 * The unplugin core's choices (SPEC §8): which files it instruments (`include`, `exclude`,
 * `all`, never node_modules by default) and what it does with a file it cannot
 * instrument, through an in-process Rollup build of small JS projects.
 */
import path from 'node:path';
import { rollup } from 'rollup';
import { describe, expect, it } from 'vitest';
import { createLinecountPlugin, linecountUnplugin, type LinecountPluginOptions } from '../../packages/cli/src/build/unplugin.js';
import { createProject } from '../helpers/cli.js';

const MARKED = '// @profile\nexport function marked(x) {\n  return x + 1;\n}\n';
const UNMARKED = 'export function unmarked(x) {\n  return x * 2;\n}\n';

const PROJECT = {
  'main.js': "import { marked } from './marked.js';\nimport { unmarked } from './unmarked.js';\nimport { dep } from './node_modules/dep/index.js';\nconsole.log(marked(1), unmarked(2), dep(3));\n",
  'marked.js': MARKED,
  'unmarked.js': UNMARKED,
  'node_modules/dep/index.js': '// @profile\nexport function dep(x) {\n  return x - 1;\n}\n',
};

/** The project files whose functions the bundle registers, relative to the project. */
async function instrumentedFiles(options?: LinecountPluginOptions): Promise<string[]> {
  const dir = createProject(PROJECT);
  const bundle = await rollup({ input: path.join(dir, 'main.js'), plugins: [linecountUnplugin.rollup(options)] });
  const { output } = await bundle.generate({ format: 'es' });
  const files = [...output[0].code.matchAll(/register\(\{\s*file: "([^"]+)"/g)].map((match) => path.relative(dir, match[1]!));
  return files.sort();
}

describe('which files the bundler plugins instrument', () => {
  it('by default, the files with // @profile, outside node_modules', async () => {
    expect(await instrumentedFiles()).toEqual(['marked.js']);
  });

  it('all: every included file with a function', async () => {
    expect(await instrumentedFiles({ all: true })).toEqual(['marked.js', 'unmarked.js']);
  });

  it('include and exclude globs replace the defaults', async () => {
    expect(await instrumentedFiles({ all: true, include: ['**/*.js'], exclude: ['**/unmarked.js'] })).toEqual([
      'marked.js',
      'node_modules/dep/index.js',
    ]);
  });
});

describe('a file the instrumenter cannot handle', () => {
  it("is passed through unchanged, with one linecount: warning through the bundler's warn", () => {
    const plugin = createLinecountPlugin({}, { framework: 'rollup' });
    const transform = plugin.transform as { handler: (this: unknown, code: string, id: string) => unknown };
    const warnings: unknown[] = [];
    const context = { warn: (message: unknown) => warnings.push(message) };
    expect(transform.handler.call(context, '// @profile\nfunction f( {\n', '/app/bad.js')).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^linecount: \/app\/bad\.js:\d+:\d+: .+; left uninstrumented$/);
  });
});
