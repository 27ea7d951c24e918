/**
 * The remedy that linecount's warning names where it cannot add its plugin to Vitest's
 * config itself (issue 12, item 6): the exact lines for vitest.config, `-p` included.
 */
import { describe, expect, it } from 'vitest';
import type { Session } from '../../packages/cli/src/session/session.js';
import { createSettings } from '../../packages/cli/src/session/create-settings.js';
import { vitestPluginFix } from '../../packages/cli/src/build/vitest/plugin-fix.js';

const session = (targets?: Session['targets']): Session => ({
  partsDir: '/tmp/parts',
  cwd: '/home/me/project',
  settings: createSettings({ cwd: '/home/me/project' }),
  hooks: true,
  ...(targets && { targets }),
});

describe('vitestPluginFix', () => {
  it('without -p: the plugin with no options', () => {
    expect(vitestPluginFix(session())).toBe(
      "add the plugin to vitest.config: import linecount from '@linecount/profiler/vite' and plugins: [linecount()]",
    );
  });

  it('with -p: every function of the targets, as globs relative to the cwd', () => {
    const targets = { dirs: ['/home/me/project/src'], files: ['/home/me/project/lib/util.ts'], modules: [] };
    expect(vitestPluginFix(session(targets))).toBe(
      "add the plugin to vitest.config: import linecount from '@linecount/profiler/vite' and plugins: [linecount({ all: true, include: ['src/**', 'lib/util.ts'] })]",
    );
  });
});
