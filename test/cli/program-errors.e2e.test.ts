/**
 * Issue #12 item 9: the uncaught errors of a program that linecount runs are printed as
 * Node prints them (no tsx source line in front, no extra text, no frame of linecount's
 * `require` hook, none of the frames Node captures taken by one). Left: the source line
 * Node prints above an error thrown in a profiled function (the instrumented line).
 */
import { describe, expect, it } from 'vitest';
import { NO_FUNCTIONS_MESSAGE } from '../../packages/cli/src/session/constants.js';
import { OTHER_NODES, createProject, runCli, runProcess } from '../helpers/cli.js';

const NODES = [{ major: 20, path: process.execPath }, ...OTHER_NODES];

const THROWS = "function fail() {\n  throw new Error('boom');\n}\nfail();\n";

/** A profiled function that throws, called from the top level. */
const PROFILED_THROWS = `// @profile\n${THROWS}`;

/** The stack frames of printed errors. */
const framesOf = (stderr: string): string[] => stderr.split('\n').filter((line) => line.startsWith('    at '));

describe.each(NODES)('on Node $major', ({ path: node }) => {
  it('linecount -- node missing.js prints what node missing.js prints, then says nothing was profiled', async () => {
    const cwd = createProject();
    const plain = await runProcess(node, ['missing.js'], { cwd });
    const result = await runCli(['-q', '--', node, 'missing.js'], { cwd, node });
    expect(result.code).toBe(plain.code);
    expect(result.stderr).toBe(`${plain.stderr}linecount: ${NO_FUNCTIONS_MESSAGE}\n`);
  });

  it.each([['script'], ['--']])('a script that throws, under linecount %s: the error as node prints it', async (mode) => {
    const cwd = createProject({ 'throw.js': THROWS });
    const plain = await runProcess(node, ['throw.js'], { cwd });
    const args = mode === 'script' ? ['-q', 'throw.js'] : ['-q', '--', node, 'throw.js'];
    const result = await runCli(args, { cwd, node });
    expect(result.code).toBe(plain.code);
    expect(result.stderr).toBe(`${plain.stderr}linecount: ${NO_FUNCTIONS_MESSAGE}\n`);
  });

  it.each([['script'], ['--']])('a profiled function that throws, under linecount %s: the frames as node prints them', async (mode) => {
    const cwd = createProject({ 'throw.js': PROFILED_THROWS });
    const plain = await runProcess(node, ['throw.js'], { cwd });
    const args = mode === 'script' ? ['-q', 'throw.js'] : ['-q', '--', node, 'throw.js'];
    const result = await runCli(args, { cwd, node });
    expect(result.code).toBe(plain.code);
    expect(framesOf(result.stderr)).toEqual(framesOf(plain.stderr));
  });
});

/**
 * A stack that fills Node's 10 frames (Error.stackTraceLimit's default) through the top
 * level of a profiled CommonJS module (a.js requires lib.js, which throws while it
 * loads, from a function it does not profile): linecount's `require` hook frames, left
 * out of the printed stack, take none of the ten.
 */
const DEEP_LIB = "// @profile\nfunction used() {\n  return 1;\n}\nfunction fail() {\n  throw new Error('boom');\n}\nfail(used());\n";

/** Thrown 20 calls deep: the hook's frames are past the stack's 10 frames. */
const DEEPER_LIB = "// @profile\nfunction used() {\n  return 1;\n}\nfunction fail(n) {\n  if (n === 0) throw new Error('boom');\n  fail(n - 1);\n}\nfail(19 + used());\n";

describe.each(NODES)('a 10-frame stack through a profiled module on Node $major', ({ path: node }) => {
  it.each([
    ['script', DEEP_LIB],
    ['--', DEEP_LIB],
    ['script', DEEPER_LIB],
  ])('under linecount %s: stderr as node prints it (%#)', async (mode, lib) => {
    const cwd = createProject({ 'lib.js': lib, 'a.js': "require('./lib.js');\n", 'main.js': "require('./a.js');\n" });
    const plain = await runProcess(node, ['main.js'], { cwd });
    expect(framesOf(plain.stderr)).toHaveLength(10);
    const args = mode === 'script' ? ['-q', 'main.js'] : ['-q', '--', node, 'main.js'];
    const result = await runCli(args, { cwd, node });
    expect(result.code).toBe(plain.code);
    expect(result.stderr).toBe(plain.stderr);
  });
});

// Left as it is: the hook's frames then take room in the stack (the two last frames are lost).
it('a program that made Error.stackTraceLimit read-only loads and fails as under node, its stack cut shorter', async () => {
  const main = "Object.defineProperty(Error, 'stackTraceLimit', { writable: false });\nrequire('./a.js');\n";
  const cwd = createProject({ 'lib.js': DEEP_LIB, 'a.js': "require('./lib.js');\n", 'main.js': main });
  const plain = await runProcess(process.execPath, ['main.js'], { cwd });
  const result = await runCli(['-q', 'main.js'], { cwd });
  expect(result.code).toBe(plain.code);
  expect(result.stderr.split('    at ')[0]).toBe(plain.stderr.split('    at ')[0]);
  expect(framesOf(plain.stderr).slice(0, framesOf(result.stderr).length)).toEqual(framesOf(result.stderr));
});
