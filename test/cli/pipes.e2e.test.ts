/**
 * Reports never lose bytes (issue #12, item 5): a report far larger than a pipe's 64 KiB
 * buffer reaches a reader that starts late complete, and a reader that leaves early
 * (`| head -1`) ends the output quietly.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, runProcess } from '../helpers/cli.js';
import { createLinkedProject } from '../helpers/register.js';

/** Functions of the generated program: enough for every printed report to exceed 300 KB. */
const FUNCTIONS = 2500;

/** A program with many small profiled functions, each called once. */
function manyFunctions(): string {
  const name = (i: number): string => `a_function_with_a_rather_long_name_${String(i).padStart(4, '0')}`;
  let code = '';
  for (let i = 0; i < FUNCTIONS; i++) code += `// @profile\nfunction ${name(i)}(x) {\n  const y = x + 1;\n  return y * 2;\n}\n`;
  const all = Array.from({ length: FUNCTIONS }, (_, i) => name(i)).join(', ');
  return `${code}console.log([${all}].reduce((sum, f, i) => sum + f(i), 0));\n`;
}

/**
 * Runs `command`, its stdout piped to a reader that takes the first byte, then reads nothing
 * for a second (the writer meanwhile fills the pipe and meets EAGAIN), then stores
 * everything into `received.txt`.
 */
async function throughSlowReader(cwd: string, command: string[], env?: Record<string, string | undefined>) {
  const script = '"$@" | (dd bs=1 count=1 status=none; sleep 1; cat) > received.txt; exit "${PIPESTATUS[0]}"';
  const result = await runProcess('bash', ['-c', script, 'bash', ...command], { cwd, env: { LINE_PROFILE: undefined, ...env } });
  return { ...result, received: readFileSync(path.join(cwd, 'received.txt'), 'utf8') };
}

/**
 * Node makes a pipe non-blocking once `process.stdout` is first read (picocolors does at
 * load, as does any program the CLI runs, since it shares the pipe): preloaded, this makes
 * every `linecount` below meet EAGAIN whichever modules it happens to load.
 */
const TOUCH_STDOUT = 'process.stdout;\n';

/** `linecount ...args` with `process.stdout` read first (see {@link TOUCH_STDOUT}). */
function linecount(...args: string[]): string[] {
  return [process.execPath, '--require', './touch-stdout.cjs', BIN, ...args];
}

/** Runs `command` into `| head -1`. */
async function intoHead(cwd: string, command: string[]) {
  const script = '"$@" | head -1 > received.txt; exit "${PIPESTATUS[0]}"';
  const result = await runProcess('bash', ['-c', script, 'bash', ...command], { cwd });
  return { ...result, received: readFileSync(path.join(cwd, 'received.txt'), 'utf8') };
}

describe('a large report through a slow pipe arrives whole (issue #12, item 5)', () => {
  let cwd = '';
  /** `linecount view many.lcprof` written to a file, which was always complete. */
  let report = '';
  let programOutput = '';

  beforeAll(async () => {
    cwd = createLinkedProject({ 'many.js': manyFunctions(), 'exits.js': "require('./many.js');\nprocess.exit(3);\n", 'touch-stdout.cjs': TOUCH_STDOUT });
    const run = await runCli(['-q', '-o', 'many.lcprof', 'many.js'], { cwd });
    expect(run.code).toBe(0);
    programOutput = run.stdout;
    report = (await runCli(['view', 'many.lcprof'], { cwd })).stdout;
    expect(Buffer.byteLength(report)).toBeGreaterThan(300_000);
  });

  it('linecount view', async () => {
    const result = await throughSlowReader(cwd, linecount('view', 'many.lcprof'));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.received).toBe(report);
  });

  it('linecount view --json: the JSON parses', async () => {
    const result = await throughSlowReader(cwd, linecount('view', '--json', 'many.lcprof'));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(Buffer.byteLength(result.received)).toBeGreaterThan(300_000);
    const parsed = JSON.parse(result.received) as { functions: unknown[] };
    expect(parsed.functions).toHaveLength(FUNCTIONS);
  });

  it('the -v table after a run', async () => {
    const result = await throughSlowReader(cwd, linecount('-q', '-v', '-o', 'verbose.lcprof', 'many.js'));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // The table is that of the run's own results file, as `linecount view` prints it.
    const table = (await runCli(['view', 'verbose.lcprof'], { cwd })).stdout;
    expect(result.received).toBe(programOutput + table);
  });

  it.each([
    ['at the end of the program', 'many.js', 0],
    ['at process.exit()', 'exits.js', 3],
  ])("LINE_PROFILE mode's summary, printed %s", async (_, script, code) => {
    const result = await throughSlowReader(cwd, [process.execPath, '--import', '@linecount/profiler/register', script], { LINE_PROFILE: '1' });
    expect(result).toMatchObject({ code, stderr: '' });
    expect(Buffer.byteLength(result.received)).toBeGreaterThan(65_536);
    expect(result.received.startsWith(`${programOutput}Timer unit: 1e-06 s\n`)).toBe(true);
    expect(result.received.match(/ seconds - many\.js:\d+ - a_function_with_a_rather_long_name_\d{4}\n/g)).toHaveLength(FUNCTIONS);
    expect(result.received.endsWith('To view details run:\nnpx linecount view profile_output.lcprof\n')).toBe(true);
  });

  it.each([
    ['linecount view', ['view', 'many.lcprof']],
    ['linecount view --json', ['view', '--json', 'many.lcprof']],
    ['the -v table', ['-q', '-v', '-o', 'head.lcprof', 'many.js']],
  ])('%s | head -1 ends quietly', async (_, args) => {
    const result = await intoHead(cwd, linecount(...args));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.received.split('\n')).toHaveLength(2);
  });
});
