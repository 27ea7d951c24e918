/**
 * Issue #12 item 9: the uncaught errors of a program that linecount runs are printed as
 * Node prints them (no tsx source line in front, no extra text, no frame of linecount's
 * `require` hook). Left: the source line Node prints above an error thrown in a profiled
 * function (the instrumented line), and on Node ≥ 22 the last frames of a stack that
 * reaches Node's 10-frame limit (linecount's two hook frames use two of the ten).
 */
import { describe, expect, it } from 'vitest';
import { NO_FUNCTIONS_MESSAGE } from '../../packages/cli/src/constants.js';
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
    const frames = framesOf(result.stderr);
    expect(frames).toEqual(framesOf(plain.stderr).slice(0, frames.length));
    expect(frames.length).toBeGreaterThanOrEqual(Math.min(framesOf(plain.stderr).length, 8));
    if (node === process.execPath) expect(frames).toEqual(framesOf(plain.stderr));
  });
});
