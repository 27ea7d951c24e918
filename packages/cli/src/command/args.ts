import { parseArgs } from 'node:util';
import type { Settings } from '../session/settings.js';
import {
  DIFF_OPTIONS,
  MERGE_OPTIONS,
  NUMBER,
  OPTIONAL_VALUE,
  RUN_OPTIONS,
  VIEW_OPTIONS,
  parseTop,
  settingFlags,
  usageError,
  type OptionValues,
  type Options,
} from './flags.js';

/**
 * Options of a report given on the command line: the settings given (undefined when
 * not, so that the configuration can fill them in: SPEC §7, flags > config > defaults),
 * and `--top N`, only the N functions with the most time.
 */
export interface ReportFlags extends Partial<Settings> {
  top?: number;
}

/** Options of a profiling run given on the command line (SPEC §4). */
export interface RunFlags extends ReportFlags {
  verbose: number;
  quiet: number;
  outfile?: string;
  evalCode?: string;
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

type ConfigValues = { config?: string; 'no-config'?: boolean };

function reportFlags(values: OptionValues & { top?: string }): ReportFlags {
  return { ...settingFlags(values), top: parseTop(values.top) };
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
