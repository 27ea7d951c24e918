/** Parsing and resolution of `-p`, `--prof-imports`, `--top` and `--no-cache` (issue #4). */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../packages/cli/src/command/args.js';
import { isProfTarget, resolveProfTargets, splitTargets } from '../../packages/cli/src/session/prof-targets.js';
import { createProject } from '../helpers/cli.js';

describe('-p and friends on the command line', () => {
  it('-p repeats and combines; --prof-imports, --top, --no-cache', () => {
    const command = parseCommandLine(['-vp', 'a.js,b', '--prof-mod', 'c', '--prof-imports', '--top', '3', '--no-cache', 'app.js']);
    expect(command).toMatchObject({ kind: 'run', script: 'app.js' });
    if (command.kind !== 'run') return;
    expect(command.flags).toMatchObject({ profMod: ['a.js,b', 'c'], profImports: true, top: 3, cache: false, verbose: 1 });
    expect(splitTargets(command.flags.profMod!)).toEqual(['a.js', 'b', 'c']);
    expect(() => parseCommandLine(['--top', 'x', 'app.js'])).toThrow("--top needs a positive whole number, got 'x'");
  });
});

describe('resolveProfTargets', () => {
  it('resolves files, directories, globs, packages and subpaths; warns about the rest', () => {
    const cwd = realpathSync(
      createProject({
        'app.js': '',
        'src/a.ts': '',
        'src/deep/b.js': '',
        'src/c.json': '',
        'node_modules/@s/p/package.json': JSON.stringify({ name: '@s/p', exports: { '.': './i.js', './sub': { import: './sub.mjs', require: './sub.cjs' } } }),
        'node_modules/@s/p/sub.mjs': '',
        'node_modules/@s/p/sub.cjs': '',
      }),
    );
    const warnings: string[] = [];
    const targets = resolveProfTargets(['app.js,src', 'src/**/*.js', '@s/p', '@s/p/sub', 'nope', 'x/*.js'], cwd, path.join(cwd, 'app.js'), (w) => warnings.push(w));
    expect(targets).toEqual({
      files: [path.join(cwd, 'app.js'), path.join(cwd, 'src/deep/b.js'), path.join(cwd, 'node_modules/@s/p/sub.mjs')],
      dirs: [path.join(cwd, 'src'), path.join(cwd, 'node_modules/@s/p')],
      modules: [path.join(cwd, 'app.js')],
    });
    expect(warnings).toEqual(['nope: no such file or package', 'x/*.js: no such file or package']);
    expect(isProfTarget(path.join(cwd, 'src/deep/x.ts'), targets)).toBe(true);
    expect(isProfTarget(path.join(cwd, 'srcx/a.ts'), targets)).toBe(false);
    expect(isProfTarget(path.join(cwd, 'app.js'), targets)).toBe(true);
  });
});
