import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LinecountError } from './errors.js';

/** Options of a profiling run (SPEC §4). */
export interface RunOptions {
  verbose: number;
  quiet: number;
  outfile: string | undefined;
  unit: number;
  skipZero: boolean;
  sort: boolean;
  summarize: boolean;
  awaitTime: boolean;
  compensate: boolean;
  evalCode: string | undefined;
}

/** Options of `linecount view`. */
export interface ViewOptions {
  unit: number;
  skipZero: boolean;
  sort: boolean;
  summarize: boolean;
}

/** A parsed command line. */
export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; options: RunOptions; script: string | undefined; args: string[] }
  | { kind: 'view'; options: ViewOptions; files: string[] }
  | { kind: 'merge'; outfile: string; files: string[] };

type Options = NonNullable<ParseArgsConfig['options']>;

const REPORT_OPTIONS = {
  unit: { type: 'string', short: 'u' },
  'skip-zero': { type: 'boolean', short: 'z' },
  sort: { type: 'boolean', short: 't' },
  summarize: { type: 'boolean' },
} satisfies Options;

const RUN_OPTIONS = {
  ...REPORT_OPTIONS,
  'line-by-line': { type: 'boolean', short: 'l' },
  view: { type: 'boolean', short: 'v', multiple: true },
  quiet: { type: 'boolean', short: 'q', multiple: true },
  outfile: { type: 'string', short: 'o' },
  eval: { type: 'string', short: 'e' },
  'no-await-time': { type: 'boolean' },
  'no-compensate': { type: 'boolean' },
  version: { type: 'boolean', short: 'V' },
  help: { type: 'boolean', short: 'h' },
} satisfies Options;

/** Usage line printed with usage errors. */
export const USAGE = 'usage: linecount [options] <script> [args…] | linecount view <file.lcprof>… (see linecount -h)';

function usageError(message: string): LinecountError {
  return new LinecountError('LINECOUNT_USAGE', message, USAGE);
}

/** Splits `argv` before the script: options of linecount, then the script and its own arguments. */
function splitAtScript(argv: readonly string[], options: Options): [string[], string[]] {
  const takesValue = new Set<string>();
  for (const [name, option] of Object.entries(options)) {
    if (option.type !== 'string') continue;
    takesValue.add(`--${name}`);
    if (option.short) takesValue.add(`-${option.short}`);
  }
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') return [argv.slice(0, i), argv.slice(i + 1)];
    if (!token.startsWith('-') || token === '-') return [argv.slice(0, i), argv.slice(i)];
    const cluster = token.startsWith('--') ? token : `-${token.at(-1)}`;
    if (takesValue.has(cluster) && !token.includes('=')) i++;
    // -e CODE: whatever follows is the code's arguments.
    if (cluster === '-e' || cluster === '--eval') return [argv.slice(0, i + 1), argv.slice(i + 1)];
  }
  return [[...argv], []];
}

function parse<T extends Options>(args: string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw usageError((error as Error).message.replace(/\. To specify .*$/s, ''));
  }
}

function parseUnit(value: string | undefined): number {
  if (value === undefined) return 1e-6;
  const unit = Number(value);
  if (!Number.isFinite(unit) || unit <= 0) throw usageError(`-u/--unit needs a positive number of seconds, got '${value}'`);
  return unit;
}

function reportOptions(values: { unit?: string; 'skip-zero'?: boolean; sort?: boolean; summarize?: boolean }): ViewOptions {
  return {
    unit: parseUnit(values.unit),
    skipZero: values['skip-zero'] ?? false,
    sort: values.sort ?? false,
    summarize: values.summarize ?? false,
  };
}

function parseRun(argv: readonly string[]): Command {
  const [own, rest] = splitAtScript(argv, RUN_OPTIONS);
  const { values } = parse(own, RUN_OPTIONS, false);
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const options: RunOptions = {
    ...reportOptions(values),
    verbose: values.view?.length ?? 0,
    quiet: values.quiet?.length ?? 0,
    outfile: values.outfile,
    awaitTime: !values['no-await-time'],
    compensate: !values['no-compensate'],
    evalCode: values.eval,
  };
  if (options.evalCode !== undefined) return { kind: 'run', options, script: undefined, args: rest };
  const [script, ...args] = rest;
  if (script === undefined) throw usageError('no script given');
  return { kind: 'run', options, script, args };
}

/** Parses linecount's command line (without `node` and the bin path). Throws LinecountError on bad usage. */
export function parseCommandLine(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === 'view') {
    const { values, positionals } = parse(rest, REPORT_OPTIONS, true);
    if (positionals.length === 0) throw usageError('view needs at least one .lcprof file');
    return { kind: 'view', options: reportOptions(values), files: positionals };
  }
  if (first === 'merge') {
    const { values, positionals } = parse(rest, { outfile: { type: 'string', short: 'o' } }, true);
    if (!values.outfile) throw usageError('merge needs -o OUT');
    if (positionals.length === 0) throw usageError('merge needs at least one .lcprof file');
    return { kind: 'merge', outfile: values.outfile, files: positionals };
  }
  return parseRun(argv);
}
