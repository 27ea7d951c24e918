/**
 * Issue #12 item 1: JavaScript that linecount does not profile reaches Node and the
 * program's own require hooks as without linecount, in every way linecount runs a
 * program. Real tools: `@babel/register` with JSX in `.js` files, tap 16's terse
 * reporter (a JSX `.js` file compiled by import-jsx), and a minimal `require.extensions`
 * compiler. Each also profiles one marked function, so the hooks are active.
 */
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OTHER_NODES, REPO, hitsOf, readJson, runCli, type RunResult } from '../helpers/cli.js';
import { createLinkedProject, runNode } from '../helpers/register.js';

const PROFILED = `// @profile
function twice(n) {
  return n * 2;
}
twice(1);
`;

/** A `require.extensions` compiler, as the issue reports it: a JSX `.js` file whose text says "imports". */
const OWN_HOOK = `${PROFILED}const fs = require('fs');
fs.writeFileSync(__dirname + '/comp.js', '// no imports here\\nmodule.exports = () => <i>{1}</i>;\\n');
const old = require.extensions['.js'];
require.extensions['.js'] = (m, filename) => {
  const oc = m._compile;
  m._compile = (src, fn) => oc.call(m, src.replace('<i>{1}</i>', '"compiled"'), fn);
  require.extensions['.js'] = old;
  old(m, filename);
};
console.log(require('./comp.js')());
`;

const BABEL_MAIN = `${PROFILED}require('@babel/register')({ presets: ['@babel/preset-react'], babelrc: false, configFile: false, cache: false });
console.log(require('./comp.js')());
`;

const BABEL_COMPONENT = `// exports a component; JSX that es-module-lexer cannot read
const React = { createElement: (type, props, ...children) => \`<\${type}>\${children.join('')}</\${type}>\` };
module.exports = () => <b>{'jsx'}</b>;
`;

const TAP_TEST = `${PROFILED}const t = require('tap');
t.pass('works');
t.equal(twice(2), 4);
`;

/** Links packages of the repository's node_modules into the project (pnpm's store resolves their dependencies). */
function linkPackages(cwd: string, names: string[]): void {
  for (const name of names) symlinkSync(path.join(REPO, 'node_modules', name), path.join(cwd, 'node_modules', name), 'dir');
}

type Runner = (cwd: string, script: string, args: string[]) => Promise<RunResult>;

/** The four ways linecount runs a program, each profiling (the register preloads with LINE_PROFILE=1). */
const MODES: [string, Runner][] = [
  ['linecount script', (cwd, script, args) => runCli(['-q', script, ...args], { cwd })],
  ['linecount -- node', (cwd, script, args) => runCli(['-q', '--', 'node', script, ...args], { cwd })],
  ['--import @linecount/profiler/register', (cwd, script, args) => runNode(['--import', '@linecount/profiler/register', script, ...args], { cwd, env: { LINE_PROFILE: '1' } })],
  ['--require @linecount/profiler/register', (cwd, script, args) => runNode(['--require', '@linecount/profiler/register', script, ...args], { cwd, env: { LINE_PROFILE: '1' } })],
];

/** The results file each mode writes. */
function resultsOf(mode: string, cwd: string, script: string): Parameters<typeof hitsOf>[0] {
  if (mode === 'linecount script') return readJson(cwd, `${path.basename(script)}.lcprof`);
  return readJson(cwd, mode === 'linecount -- node' ? 'linecount.lcprof' : 'profile_output.lcprof');
}

describe.each(MODES)('require hooks of the program under %s (issue #12)', (mode, run) => {
  it('a require.extensions compiler gets the JSX .js file as it is', async () => {
    const cwd = createLinkedProject({ 'hook.js': OWN_HOOK });
    const plain = await runNode(['hook.js'], { cwd });
    expect(plain).toMatchObject({ code: 0, stdout: 'compiled\n' });
    const result = await run(cwd, 'hook.js', []);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^compiled\n/) as unknown });
    expect(hitsOf(resultsOf(mode, cwd, 'hook.js'), 'twice')).toEqual({ 3: 1 });
  });

  it('@babel/register with @babel/preset-react compiles JSX in .js files', async () => {
    const cwd = createLinkedProject({ 'main.js': BABEL_MAIN, 'comp.js': BABEL_COMPONENT });
    linkPackages(cwd, ['@babel']);
    const plain = await runNode(['main.js'], { cwd });
    expect(plain).toMatchObject({ code: 0, stdout: '<b>jsx</b>\n' });
    const result = await run(cwd, 'main.js', []);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^<b>jsx<\/b>\n/) as unknown });
    expect(hitsOf(resultsOf(mode, cwd, 'main.js'), 'twice')).toEqual({ 3: 1 });
  });

  it('tap 16 runs the tests with its terse reporter', async () => {
    const cwd = createLinkedProject({ 't.js': TAP_TEST });
    linkPackages(cwd, ['tap']);
    const args = ['-R', 'terse', '--no-coverage', 't.js'];
    const result = await run(cwd, 'node_modules/tap/bin/run.js', args);
    const stdout = result.stdout.replaceAll('\u200b', '');
    expect(result.code).toBe(0);
    expect(stdout).toContain('Suites:   1 passed, 1 of 1 completed');
    expect(stdout).toContain('Asserts:  2 passed, of 2');
    expect(hitsOf(resultsOf(mode, cwd, 'run.js'), 'twice')).toEqual({ 3: 2 });
  }, 60_000);
});

describe.each(OTHER_NODES)('require hooks of the program on Node $major (issue #12)', ({ path: node }) => {
  it.each(['--import', '--require'])('%s @linecount/profiler/register: the JSX .js file reaches the compilers as it is', async (preload) => {
    const env = { LINE_PROFILE: '1' };
    const own = await runNode([preload, '@linecount/profiler/register', 'hook.js'], { cwd: createLinkedProject({ 'hook.js': OWN_HOOK }), node, env });
    expect(own).toMatchObject({ code: 0, stdout: expect.stringMatching(/^compiled\n/) as unknown });
    const cwd = createLinkedProject({ 'main.js': BABEL_MAIN, 'comp.js': BABEL_COMPONENT });
    linkPackages(cwd, ['@babel']);
    const babel = await runNode([preload, '@linecount/profiler/register', 'main.js'], { cwd, node, env });
    expect(babel).toMatchObject({ code: 0, stdout: expect.stringMatching(/^<b>jsx<\/b>\n/) as unknown });
  });

  it('linecount -- node: tap 16 runs the tests with its terse reporter', async () => {
    const cwd = createLinkedProject({ 't.js': TAP_TEST });
    linkPackages(cwd, ['tap']);
    const result = await runCli(['-q', '--', node, 'node_modules/tap/bin/run.js', '-R', 'terse', '--no-coverage', 't.js'], { cwd, node });
    expect(result.code).toBe(0);
    expect(result.stdout.replaceAll('\u200b', '')).toContain('Asserts:  2 passed, of 2');
    expect(hitsOf(readJson(cwd, 'linecount.lcprof'), 'twice')).toEqual({ 3: 2 });
  });
});
