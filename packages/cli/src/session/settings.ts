import type { InstrumentOptions } from '@linecount/instrumenter';
import type { RecursionView } from '@linecount/runtime';
import type { RuntimeName } from './runtimes.js';

/**
 * linecount's settings (SPEC §3, §5, §7), one object for every consumer (issue 15 §1):
 * the CLI's flags, the configuration's keys (which mirror the long flags) and LINE_PROFILE
 * mode's environment set them (`createSettings`, create-settings.ts); the session carries them to
 * every profiled process and thread; the build plugins and the load hooks' transform
 * take theirs from them.
 */
export interface Settings {
  /** Display unit of the reports in seconds (`-u`). @default 1e-6 */
  unit: number;
  /** `-z`: leave out functions that never ran. */
  skipZero: boolean;
  /** `-t`: functions by time, the most first. */
  sort: boolean;
  /** `--summarize`: the summary only. */
  summarize: boolean;
  /** `-r/--rich`: colour the terminal report (SPEC §5). */
  rich: boolean;
  /** `--html FILE`: also write the HTML report there. */
  html: string | undefined;
  /** Seconds between intermediate writes of the results file (`-i`); 0: only at the end. */
  outputInterval: number;
  /** Prefix of LINE_PROFILE mode's files. @default 'profile_output' */
  outputPrefix: string;
  /** Charge the time suspended at `await` to the await line (SPEC §3; `--no-await-time`: false). */
  awaitTime: boolean;
  /** Subtract the probe cost per hit (SPEC §3; `--no-compensate`: false). */
  compensate: boolean;
  /** How line times treat recursion (SPEC §3). @default 'once' */
  recursion: RecursionView;
  /** What runs a script: node, bun or deno (issue 19). @default 'node' */
  runtime: RuntimeName;
  /** Sampled line times, 1 in K (SPEC §3 `--sample`); undefined: exact mode. */
  sample: number | undefined;
  /** `-p` / `profMod` targets as given, resolved where the program runs (SPEC §2). */
  profMod: string[];
  /** `--prof-imports`: also profile what the script imports directly. */
  profImports: boolean;
  /** Keep instrumented output in a disk cache (`--no-cache`: false). */
  cache: boolean;
  /**
   * Absolute directory of that cache (issue #4), undefined when `cache` is off: given
   * relative to the cwd, else `node_modules/.cache/linecount` when the cwd has a
   * node_modules, else `linecount-cache` in the OS temporary directory.
   */
  cacheDir: string | undefined;
}

/**
 * Whether instrumented code depends on each setting: the transform reads those, and the
 * output cache's key holds them (issue 15 §1). The compiler wants one entry for each
 * setting; test/cli/transform-cache-key.unit.test.ts checks each answer.
 */
const TRANSFORM_SETTINGS = {
  unit: false,
  skipZero: false,
  sort: false,
  summarize: false,
  rich: false,
  html: false,
  outputInterval: false,
  outputPrefix: false,
  awaitTime: true,
  compensate: false,
  recursion: false,
  runtime: false,
  sample: true,
  profMod: false,
  profImports: false,
  cache: false,
  cacheDir: false,
} as const satisfies Record<keyof Settings, boolean>;

/** Every setting's name. */
export const SETTING_KEYS = Object.keys(TRANSFORM_SETTINGS) as (keyof Settings)[];

/** The settings that instrumented code depends on. */
export type TransformSettingKey = { [K in keyof Settings]: (typeof TRANSFORM_SETTINGS)[K] extends true ? K : never }[keyof Settings];

/** Whether instrumented code depends on a setting (see TRANSFORM_SETTINGS). */
export const affectsTransform = (key: keyof Settings): boolean => TRANSFORM_SETTINGS[key];

/** The settings of an object that holds more (a command's options), and nothing else. */
export function pickSettings(options: Settings): Settings {
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, options[key]])) as unknown as Settings;
}

/** The part of the settings that the transform reads and the output cache's key holds. */
export type TransformSettings = Pick<Settings, TransformSettingKey>;

/** The settings that instrumented code depends on, and only those. */
export function transformSettings(settings: Settings): TransformSettings {
  return Object.fromEntries(SETTING_KEYS.filter(affectsTransform).map((key) => [key, settings[key]])) as TransformSettings;
}

/** The instrumenter's options of the settings: for the load hooks' transform and the build plugins alike. */
export function instrumentOptions(settings: TransformSettings): Pick<InstrumentOptions, TransformSettingKey> {
  return { awaitTime: settings.awaitTime, ...(settings.sample !== undefined && { sample: settings.sample }) };
}

/** The given settings, undefined ones left out: as a configuration, or a build plugin's options, write them. */
export function definedSettings<K extends keyof Settings>(settings: Settings, keys: readonly K[]): Partial<Pick<Settings, K>> {
  return Object.fromEntries(keys.filter((key) => settings[key] !== undefined).map((key) => [key, settings[key]])) as Partial<Pick<Settings, K>>;
}
