import { parseArgs, type ParseArgsConfig } from 'node:util';
import { RECURSION_VIEWS, type RecursionView } from '@linecount/runtime';
import { DEFAULT_SAMPLE_RATE } from '@linecount/runtime';
import { DEFAULT_OUTPUT_INTERVAL } from '../session/constants.js';
import { LinecountError } from '../session/errors.js';
import { RUNTIMES, type RuntimeName } from '../session/runtimes.js';

/**
 * Report options given on the command line; undefined when not given, so that the
 * configuration can fill them in (SPEC §7: flags > config > defaults).
 */
export interface ReportFlags {
  unit?: number;
  skipZero?: boolean;
  sort?: boolean;
  summarize?: boolean;
  /** `-r/--rich`: colour the text report (SPEC §5). */
  rich?: boolean;
  /** `--html FILE`: also write the HTML report. */
  html?: string;
  /** `--top N`: only the N functions with the most time. */
  top?: number;
}

/** Options of a profiling run given on the command line (SPEC §4). */
export interface RunFlags extends ReportFlags {
  verbose: number;
  quiet: number;
  outfile?: string;
  evalCode?: string;
  /** `false` for `--no-await-time`. */
  awaitTime?: boolean;
  /** `false` for `--no-compensate`. */
  compensate?: boolean;
  /** `--recursion VIEW` (SPEC §3). */
  recursion?: RecursionView;
  /** `--runtime NAME`: the script runs in node, bun or deno (issue 19). */
  runtime?: RuntimeName;
  /** `--sample [K]` (SPEC §3): sampled line times, 1 in K. */
  sample?: number;
  /** `-i [SECONDS]`. */
  outputInterval?: number;
  /** `-p TARGET`, each as given (comma-separated lists are split later). */
  profMod?: string[];
  /** `--prof-imports`. */
  profImports?: boolean;
  /** `false` for `--no-cache`. */
  cache?: boolean;
  /** `-s FILE`: run FILE, unprofiled, before the script. */
  setup?: string;
}

/** `--config FILE` and `--no-config`. */
export interface ConfigFlags {
  file?: string;
  disabled: boolean;
}

/** A parsed command line. */
export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; flags: RunFlags; config: ConfigFlags; script: string | undefined; args: string[] }
  | { kind: 'command'; flags: RunFlags; config: ConfigFlags; command: string[] }
  | { kind: 'view'; flags: ReportFlags; config: ConfigFlags; files: string[]; json: boolean; pprof?: string }
  | { kind: 'merge'; outfile?: string; pprof?: string; files: string[] }
  | { kind: 'diff'; flags: ReportFlags; config: ConfigFlags; before: string[]; after: string[]; json: boolean };

type Options = NonNullable<ParseArgsConfig['options']>;

const CONFIG_OPTIONS = {
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
} satisfies Options;

/** The report options of `diff` (issue 17); the others add `-r`. */
const LISTING_OPTIONS = {
  unit: { type: 'string', short: 'u' },
  'skip-zero': { type: 'boolean', short: 'z' },
  sort: { type: 'boolean', short: 't' },
  summarize: { type: 'boolean' },
  html: { type: 'string' },
  top: { type: 'string' },
  ...CONFIG_OPTIONS,
} satisfies Options;

const REPORT_OPTIONS = {
  ...LISTING_OPTIONS,
  rich: { type: 'boolean', short: 'r' },
} satisfies Options;

/** `view` also prints the merged results as JSON (`--json`, SPEC §6) or writes them as pprof (`--pprof FILE`). */
const VIEW_OPTIONS = {
  ...REPORT_OPTIONS,
  json: { type: 'boolean' },
  pprof: { type: 'string' },
} satisfies Options;

const MERGE_OPTIONS = {
  outfile: { type: 'string', short: 'o' },
  pprof: { type: 'string' },
} satisfies Options;

const DIFF_OPTIONS = {
  ...LISTING_OPTIONS,
  json: { type: 'boolean' },
} satisfies Options;

const RUN_OPTIONS = {
  ...REPORT_OPTIONS,
  'line-by-line': { type: 'boolean', short: 'l' },
  view: { type: 'boolean', short: 'v', multiple: true },
  quiet: { type: 'boolean', short: 'q', multiple: true },
  outfile: { type: 'string', short: 'o' },
  eval: { type: 'string', short: 'e' },
  'output-interval': { type: 'string', short: 'i' },
  'no-await-time': { type: 'boolean' },
  'no-compensate': { type: 'boolean' },
  recursion: { type: 'string' },
  runtime: { type: 'string' },
  sample: { type: 'string' },
  'prof-mod': { type: 'string', short: 'p', multiple: true },
  'prof-imports': { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  setup: { type: 'string', short: 's' },
  version: { type: 'boolean', short: 'V' },
  help: { type: 'boolean', short: 'h' },
} satisfies Options;

/**
 * Options whose value may be left out, and the value then: `-i` alone means every
 * {@link DEFAULT_OUTPUT_INTERVAL} s, `--sample` alone 1 in {@link DEFAULT_SAMPLE_RATE}.
 */
const OPTIONAL_VALUE = new Map([
  ['-i', DEFAULT_OUTPUT_INTERVAL],
  ['--output-interval', DEFAULT_OUTPUT_INTERVAL],
  ['--sample', DEFAULT_SAMPLE_RATE],
]);
const NUMBER = /^(\d+\.?\d*|\.\d+)$/;

/** Usage line printed with usage errors. */
export const USAGE =
  'usage: linecount [options] <script> [args…] | linecount [options] -- <command…> | linecount view <file.lcprof>… | linecount diff <before.lcprof> <after.lcprof> (see linecount -h)';

function usageError(message: string): LinecountError {
  return new LinecountError('LINECOUNT_USAGE', message, USAGE);
}

/** linecount's own tokens (an optional value made explicit), and what follows them. */
interface Split {
  own: string[];
  rest: string[];
  /** `--` ended linecount's options: `rest` is a command. */
  command: boolean;
}

function takesValue(options: Options): Set<string> {
  const names = new Set<string>();
  for (const [name, option] of Object.entries(options)) {
    if (option.type !== 'string') continue;
    names.add(`--${name}`);
    if (option.short) names.add(`-${option.short}`);
  }
  return names;
}

/** Splits `argv` before the script (or after `--`): options of linecount, then the rest. */
function splitAtScript(argv: readonly string[], options: Options): Split {
  const valued = takesValue(options);
  const own: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') return { own, rest: argv.slice(i + 1), command: true };
    if (!token.startsWith('-') || token === '-') return { own, rest: argv.slice(i), command: false };
    own.push(token);
    const cluster = token.startsWith('--') ? token : `-${token.at(-1)}`;
    if (!token.includes('=') && valued.has(cluster)) {
      const next = argv[i + 1];
      if (OPTIONAL_VALUE.has(cluster) && (next === undefined || !NUMBER.test(next))) {
        own.push(String(OPTIONAL_VALUE.get(cluster)));
      } else {
        if (next !== undefined) own.push(next);
        i++;
      }
    }
    // -e CODE: whatever follows is the code's arguments.
    if (cluster === '-e' || cluster === '--eval' || token.startsWith('--eval=')) {
      return { own, rest: argv.slice(i + 1), command: false };
    }
  }
  return { own, rest: [], command: false };
}

function parse<T extends Options>(args: string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw usageError((error as Error).message.replace(/\. To specify .*$/s, ''));
  }
}

function parseUnit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const unit = Number(value);
  if (!Number.isFinite(unit) || unit <= 0) throw usageError(`-u/--unit needs a positive number of seconds, got '${value}'`);
  return unit;
}

function parseInterval(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!NUMBER.test(value)) throw usageError(`-i/--output-interval needs a number of seconds, got '${value}'`);
  return Number(value);
}

function parseSample(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const rate = Number(value);
  if (!Number.isInteger(rate) || rate < 1) throw usageError(`--sample needs a whole number K ≥ 1 (time 1 in K executions), got '${value}'`);
  return rate;
}

function parseRecursion(value: string | undefined): RecursionView | undefined {
  if (value === undefined) return undefined;
  if (!(RECURSION_VIEWS as readonly string[]).includes(value)) {
    throw usageError(`--recursion needs ${RECURSION_VIEWS.join(' or ')}, got '${value}'`);
  }
  return value as RecursionView;
}

function parseRuntime(value: string | undefined): RuntimeName | undefined {
  if (value === undefined) return undefined;
  if (!(RUNTIMES as readonly string[]).includes(value)) throw usageError(`--runtime needs ${RUNTIMES.join(', ')}, got '${value}'`);
  return value as RuntimeName;
}

function parseTop(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) === 0) throw usageError(`--top needs a positive whole number, got '${value}'`);
  return Number(value);
}

type ReportValues = { unit?: string; 'skip-zero'?: boolean; sort?: boolean; summarize?: boolean; top?: string; rich?: boolean; html?: string };
type ConfigValues = { config?: string; 'no-config'?: boolean };

function reportFlags(values: ReportValues): ReportFlags {
  return {
    unit: parseUnit(values.unit),
    skipZero: values['skip-zero'],
    sort: values.sort,
    summarize: values.summarize,
    rich: values.rich,
    html: values.html,
    top: parseTop(values.top),
  };
}

function configFlags(values: ConfigValues): ConfigFlags {
  if (values.config !== undefined && values['no-config']) throw usageError('--config and --no-config exclude each other');
  return { file: values.config, disabled: values['no-config'] ?? false };
}

function parseRun(argv: readonly string[]): Command {
  const split = splitAtScript(argv, RUN_OPTIONS);
  const { values } = parse(split.own, RUN_OPTIONS, false);
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const flags: RunFlags = {
    ...reportFlags(values),
    verbose: values.view?.length ?? 0,
    quiet: values.quiet?.length ?? 0,
    outfile: values.outfile,
    evalCode: values.eval,
    awaitTime: values['no-await-time'] ? false : undefined,
    compensate: values['no-compensate'] ? false : undefined,
    recursion: parseRecursion(values.recursion),
    runtime: parseRuntime(values.runtime),
    sample: parseSample(values.sample),
    outputInterval: parseInterval(values['output-interval']),
    profMod: values['prof-mod'],
    profImports: values['prof-imports'],
    cache: values['no-cache'] ? false : undefined,
    setup: values.setup,
  };
  const config = configFlags(values);
  if (flags.evalCode !== undefined) return { kind: 'run', flags, config, script: undefined, args: split.rest };
  if (split.command) {
    if (split.rest.length === 0) throw usageError('no command after --');
    if (flags.setup !== undefined) throw usageError('-s/--setup needs a script or -e code, not a -- command');
    return { kind: 'command', flags, config, command: split.rest };
  }
  const [script, ...args] = split.rest;
  if (script === undefined) throw usageError('no script given');
  return { kind: 'run', flags, config, script, args };
}

/**
 * `diff [options] BEFORE AFTER`, or several files a side: `diff [options] B1 B2 -- A1 A2`
 * (each side merged as `view` merges its files).
 */
function parseDiff(argv: readonly string[]): Command {
  const at = argv.indexOf('--');
  const { values, positionals } = parse(at < 0 ? [...argv] : argv.slice(0, at), DIFF_OPTIONS, true);
  const after = at < 0 ? positionals.splice(1) : argv.slice(at + 1);
  if (positionals.length === 0 || after.length === 0 || (at < 0 && after.length !== 1)) {
    throw usageError('diff needs two .lcprof files (before after), or several a side: before… -- after…');
  }
  return { kind: 'diff', flags: reportFlags(values), config: configFlags(values), before: positionals, after, json: values.json ?? false };
}

/** Parses linecount's command line (without `node` and the bin path). Throws LinecountError on bad usage. */
export function parseCommandLine(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === 'view') {
    const { values, positionals } = parse(rest, VIEW_OPTIONS, true);
    if (positionals.length === 0) throw usageError('view needs at least one .lcprof file');
    const json = values.json ?? false;
    return { kind: 'view', flags: reportFlags(values), config: configFlags(values), files: positionals, json, pprof: values.pprof };
  }
  if (first === 'diff') return parseDiff(rest);
  if (first === 'merge') {
    const { values, positionals } = parse(rest, MERGE_OPTIONS, true);
    if (!values.outfile && !values.pprof) throw usageError('merge needs -o OUT or --pprof OUT.pb.gz');
    if (positionals.length === 0) throw usageError('merge needs at least one .lcprof file');
    return { kind: 'merge', outfile: values.outfile, pprof: values.pprof, files: positionals };
  }
  return parseRun(argv);
}
