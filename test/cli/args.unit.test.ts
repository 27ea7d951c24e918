import { describe, expect, it } from 'vitest';
import { parseCommandLine, type Command } from '../../packages/cli/src/command/args.js';
import { LinecountError } from '../../packages/cli/src/session/errors.js';
import { DEFAULT_SAMPLE_RATE } from '../../packages/runtime/src/constants.js';

function run(argv: string[]): Extract<Command, { kind: 'run' | 'command' }> {
  const command = parseCommandLine(argv);
  if (command.kind !== 'run' && command.kind !== 'command') throw new Error(`parsed as ${command.kind}`);
  return command;
}

describe('--sample [K]', () => {
  it.each([
    [['--sample', 'app.js'], DEFAULT_SAMPLE_RATE, 'app.js'],
    [['--sample', '10', 'app.js'], 10, 'app.js'],
    [['--sample=200', '-v', 'app.js'], 200, 'app.js'],
    [['app.js'], undefined, 'app.js'],
  ])('%j → 1 in %s', (argv, rate, script) => {
    const command = run(argv);
    expect(command.flags.sample).toBe(rate);
    expect(command.kind === 'run' && command.script).toBe(script);
  });

  it('refuses a K that is not a whole number ≥ 1', () => {
    expect(() => parseCommandLine(['--sample=0.5', 'app.js'])).toThrow(/--sample needs a whole number/);
  });
});

describe('-i/--output-interval [SECONDS]', () => {
  it.each([
    [['-i', 'app.js'], 1, 'app.js'],
    [['-i', '2', 'app.js'], 2, 'app.js'],
    [['-i', '0.5', 'app.js', '3'], 0.5, 'app.js'],
    [['--output-interval', 'app.js'], 1, 'app.js'],
    [['--output-interval=3', 'app.js'], 3, 'app.js'],
    [['-vi', 'app.js'], 1, 'app.js'],
    [['-vi', '4', 'app.js'], 4, 'app.js'],
    [['-i0', 'app.js'], 0, 'app.js'],
    [['app.js'], undefined, 'app.js'],
  ])('%j → %s s', (argv, interval, script) => {
    const command = run(argv);
    expect(command.flags.outputInterval).toBe(interval);
    expect(command.kind === 'run' && command.script).toBe(script);
  });

  it('a script named like a number needs -i N before it', () => {
    expect(run(['-i', '2', '5']).kind === 'run' && run(['-i', '2', '5'])).toMatchObject({ script: '5', args: [] });
  });

  it('a value that is not a number is a usage error', () => {
    expect(() => parseCommandLine(['--output-interval=soon', 'app.js'])).toThrow(LinecountError);
  });
});

describe('-- <command…>', () => {
  it('everything after -- is the command', () => {
    expect(run(['-v', '--', 'npm', 'test', '--', '-x'])).toMatchObject({ kind: 'command', command: ['npm', 'test', '--', '-x'] });
  });

  it('flags left unset stay undefined, so the configuration can fill them in', () => {
    expect(run(['--', 'x']).flags).toEqual({
      verbose: 0,
      quiet: 0,
      outfile: undefined,
      evalCode: undefined,
      unit: undefined,
      skipZero: undefined,
      sort: undefined,
      summarize: undefined,
      awaitTime: undefined,
      compensate: undefined,
      outputInterval: undefined,
    });
  });

  it('-e CODE keeps what follows as the code arguments', () => {
    expect(run(['-e', 'x', '--', 'a'])).toMatchObject({ kind: 'run', args: ['--', 'a'] });
    expect(run(['--eval=x', 'a'])).toMatchObject({ kind: 'run', args: ['a'] });
  });
});

describe('-s/--setup FILE', () => {
  it.each([
    [['-s', 'setup.ts', 'app.js', '-s'], 'app.js', ['-s']],
    [['--setup=setup.ts', '-v', 'app.js'], 'app.js', []],
    [['-vs', 'setup.ts', 'app.js'], 'app.js', []],
  ])('%j: the setup file, the script and its own arguments', (argv, script, args) => {
    expect(run(argv)).toMatchObject({ kind: 'run', script, args, flags: { setup: 'setup.ts' } });
  });

  it('with -e code; not with a -- command', () => {
    expect(run(['-s', 'setup.ts', '-e', 'x', 'a'])).toMatchObject({ kind: 'run', args: ['a'], flags: { setup: 'setup.ts', evalCode: 'x' } });
    expect(() => parseCommandLine(['-s', 'setup.ts', '--', 'node', 'app.js'])).toThrow('-s/--setup needs a script or -e code, not a -- command');
  });
});

describe('diff (issue 17)', () => {
  it('two files, or several a side around --; view options but -r', () => {
    expect(parseCommandLine(['diff', '-z', 'a.lcprof', 'b.lcprof'])).toMatchObject({ kind: 'diff', before: ['a.lcprof'], after: ['b.lcprof'], flags: { skipZero: true } });
    expect(parseCommandLine(['diff', '--json', 'a1', 'a2', '--', 'b1', 'b2'])).toMatchObject({ before: ['a1', 'a2'], after: ['b1', 'b2'], json: true });
    expect(() => parseCommandLine(['diff', '-r', 'a', 'b'])).toThrow("Unknown option '-r'");
  });

  it('one file, three files without --, or an empty side is a usage error', () => {
    for (const argv of [['a'], ['a', 'b', 'c'], ['a', '--'], ['--', 'b']]) {
      expect(() => parseCommandLine(['diff', ...argv])).toThrow('diff needs two .lcprof files');
    }
  });
});
