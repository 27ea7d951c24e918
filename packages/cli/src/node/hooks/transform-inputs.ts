import path from 'node:path';
import { COMPILED_LOADERS } from '../../session/constants.js';
import { isProfTarget } from '../../session/prof-target-set.js';
import type { Session } from '../../session/session.js';
import { transformSettings, type TransformSettings } from '../../session/settings.js';
import { coverageTool } from './coverage-tool.js';
import { tsconfigKey } from './tsconfig.js';

/** Module format as Node's loader names it. */
export type ModuleFormat = 'module' | 'commonjs';

/**
 * What the load hooks hand to the transform of every file they load: the session's
 * settings, `-p` targets and setup file (never instrumented, not even under `-p` or
 * `@profile`).
 */
export interface TransformOptions extends Pick<Session, 'settings' | 'targets' | 'setup'> {
  /** `.jsx` files go through tsx in this process (module-kind.ts `wantsJsx`). */
  jsx: boolean;
}

/**
 * Everything one file's transform depends on besides its text and linecount's build.
 * The transform reads its settings from this object only, and the output cache's key
 * hashes the whole object, so a setting added here is in the key by construction
 * (issue 15; tsx keys its cache by the very options it hands esbuild, likewise).
 */
export interface TransformInputs {
  readonly filename: string;
  readonly format: ModuleFormat;
  /** The settings that instrumented code depends on. */
  readonly settings: TransformSettings;
  /** Every function of the file is profiled (`-p` target). */
  readonly all: boolean;
  /** The file's top-level code is profiled too (`-p` of the file itself). */
  readonly topLevel: boolean;
  /** The coverage tool reading this process ({@link coverageTool}): the probes differ for each. */
  readonly coverage: 'istanbul' | 'v8' | null;
  /** esbuild's loader of a compiled file (TypeScript, JSX); null: JavaScript. */
  readonly loader: 'ts' | 'tsx' | 'jsx' | null;
  /** esbuild's target when compiled: the running Node, as tsx compiles. */
  readonly target: string | null;
  /**
   * The nearest tsconfig.json when compiled, as `tsconfigKey` names it (its path and text,
   * or the options read through its `extends`): the transform compiles with those options.
   */
  readonly tsconfig: string | null;
}

/** The transform inputs of `filename` loaded as `format` in a session with `options`. */
export function transformInputs(filename: string, format: ModuleFormat, options: TransformOptions): TransformInputs {
  const loader = COMPILED_LOADERS[path.extname(filename).toLowerCase()] ?? null;
  return {
    filename,
    format,
    settings: transformSettings(options.settings),
    all: isProfTarget(filename, options.targets),
    topLevel: options.targets?.modules.includes(filename) ?? false,
    coverage: coverageTool() ?? null,
    loader,
    target: loader && `node${process.versions.node}`,
    tsconfig: loader && tsconfigKey(filename),
  };
}
