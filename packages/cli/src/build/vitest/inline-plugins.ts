/**
 * The linecount plugins that the Vitest hook adds to every Vite server Vitest creates
 * (vite-wrapper.ts), configured from the session: `// @profile` marks in the project's
 * files, and every function of the `-p` targets (SPEC §2), with the session's settings.
 * They do nothing where the user's config has the `@linecount/profiler/vite` plugin already (its
 * options win), so no file is instrumented twice.
 */
import path from 'node:path';
import type { FilterPattern } from 'unplugin';
import linecount from '../vite.js';
import { DEFAULT_EXCLUDE, PLUGIN_SETTINGS, escapeRegExp, type LinecountPluginOptions } from '../unplugin.js';
import { definedSettings } from '../../session/settings.js';
import type { ProfTargets } from '../../session/prof-targets.js';
import { readSession, type Session } from '../../session/session.js';
import { vitestNotProfiled } from './plugin-fix.js';
import { note, warn } from '../../session/diagnostics.js';

/** The part of Vite's inline config used here. */
export interface InlineConfig {
  plugins?: unknown[];
  [key: string]: unknown;
}

/** The parts of a Vite plugin used here. */
interface VitePlugin {
  name: string;
  transform: { filter: unknown; handler(this: unknown, ...args: unknown[]): unknown };
  configResolved?(config: { plugins: readonly { name: string }[] }): void;
}

/** Name of the plugin a user adds (unplugin.ts); ours are renamed to tell them apart. */
const USER_PLUGIN_NAME = 'linecount';
const ADDED_PLUGIN_NAME = 'linecount:vitest';
const TARGETS_IGNORED = 'vitest.config has the linecount plugin: its options apply under Vitest, not the -p/profMod targets';

/** Module ids of a file (Vite's ids are real paths with `/`, maybe with a query). */
const filePattern = (file: string): RegExp => new RegExp(`^${escapeRegExp(file.split(path.sep).join('/'))}(?:[?#]|$)`);
const dirPattern = (dir: string): RegExp => new RegExp(`^${escapeRegExp(dir.split(path.sep).join('/'))}/`);

function targetPatterns(targets: ProfTargets | undefined): RegExp[] {
  return targets ? [...targets.dirs.map(dirPattern), ...targets.files.map(filePattern)] : [];
}

/** Options of the plugins: one for `// @profile` marks, and one for the `-p` targets if any. */
function pluginOptions(session: Session): LinecountPluginOptions[] {
  const settings = definedSettings(session.settings, PLUGIN_SETTINGS);
  const targets = targetPatterns(session.targets);
  const setup: FilterPattern = session.setup ? [filePattern(session.setup)] : [];
  const marks = { ...settings, exclude: [DEFAULT_EXCLUDE, ...targets, ...setup] };
  // Targets under node_modules too: the ones Vitest externalizes never reach Vite, and
  // the load hooks of the test workers instrument those.
  return targets.length > 0 ? [marks, { ...settings, all: true, include: targets, exclude: setup }] : [marks];
}

/** `plugin`, renamed, and with a transform that does nothing while `state.off`. */
function gated(plugin: VitePlugin, state: { off: boolean }): VitePlugin {
  const { filter, handler } = plugin.transform;
  return {
    ...plugin,
    name: ADDED_PLUGIN_NAME,
    transform: {
      filter,
      handler(...args) {
        return state.off ? null : handler.apply(this, args);
      },
    },
  };
}

/** The note on ignored targets is written once per process, whatever the number of Vite servers. */
let noted = false;

function sessionPlugins(session: Session): VitePlugin[] {
  const state = { off: false };
  const plugins = pluginOptions(session).map((options) => gated(linecount(options) as unknown as VitePlugin, state));
  plugins[0]!.configResolved = (config) => {
    state.off = config.plugins.some((plugin) => plugin.name === USER_PLUGIN_NAME);
    if (!state.off || plugins.length === 1 || noted) return;
    noted = true;
    note(TARGETS_IGNORED);
  };
  return plugins;
}

/**
 * `inlineConfig` with the linecount plugins added, for a process in a session that
 * instruments (`Session.hooks`); otherwise, or if they cannot be made (a warning that
 * names the remedy, SPEC §9), `inlineConfig` as it is.
 * @param [inlineConfig={}] What Vitest passes to Vite's `createServer`.
 */
export function withLinecountPlugins(inlineConfig: InlineConfig = {}): InlineConfig {
  const session = readSession();
  if (!session?.hooks) return inlineConfig;
  try {
    return { ...inlineConfig, plugins: [...(inlineConfig.plugins ?? []), ...sessionPlugins(session)] };
  } catch (error) {
    warn(vitestNotProfiled(error, session));
    return inlineConfig;
  }
}
