/**
 * Issue #12 item 9: the uncaught errors of a program that linecount runs are printed as
 * Node prints them (no tsx source line in front, no extra text). The only difference
 * left is a stack frame of linecount's `require` hook in the frames of CommonJS modules.
 */
import { describe, expect, it } from 'vitest';
import { NO_FUNCTIONS_MESSAGE } from '../../packages/cli/src/constants.js';
import { OTHER_NODES, createProject, runCli, runProcess } from '../helpers/cli.js';

const NODES = [{ major: 20, path: process.execPath }, ...OTHER_NODES];

const THROWS = "function fail() {\n  throw new Error('boom');\n}\nfail();\n";

/** Stack frames in linecount's own files. */
const OWN_FRAME = /^ {4}at .*\/packages\/cli\/lib\/.*\n/gm;

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
    expect(result.stderr.replace(OWN_FRAME, '')).toBe(`${plain.stderr}linecount: ${NO_FUNCTIONS_MESSAGE}\n`);
  });
});
