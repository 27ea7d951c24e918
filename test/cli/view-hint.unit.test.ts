import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN_PATH } from '../../packages/cli/src/bundle-paths.js';
import { viewCommand } from '../../packages/cli/src/session/view-hint.js';

/** A directory holding a `linecount` symlink to `target` (what npm and `npm i -g` create). */
function binDir(target: string, ...under: string[]): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'linecount-hint-')), ...under);
  mkdirSync(dir, { recursive: true });
  symlinkSync(target, path.join(dir, 'linecount'));
  return dir;
}

describe('the command the "Inspect results" hint prints (issue #16)', () => {
  it('is `linecount view` when this package\'s bin is on PATH (a global install)', () => {
    expect(viewCommand(['/nowhere', binDir(BIN_PATH)].join(path.delimiter))).toBe('linecount view');
  });

  it('is `npx linecount view` when the bin is on PATH only as node_modules/.bin, which npx and npm run add', () => {
    expect(viewCommand(binDir(BIN_PATH, 'node_modules', '.bin'))).toBe('npx linecount view');
  });

  it('is `npx linecount view` when the `linecount` on PATH is another program', () => {
    const other = path.join(mkdtempSync(path.join(tmpdir(), 'linecount-hint-')), 'other-linecount');
    writeFileSync(other, '#!/bin/sh\n');
    expect(viewCommand(binDir(other))).toBe('npx linecount view');
  });

  it('is `npx linecount view` with no PATH', () => {
    expect(viewCommand('', BIN_PATH, undefined)).toBe('npx linecount view');
  });

  it('is `npx @linecount/profiler view` when npx runs the package from its cache, where `npx linecount` is another package', () => {
    const cached = path.join(tmpdir(), '.npm', '_npx', '0123abcd', 'node_modules', '@linecount', 'profiler', 'bin', 'linecount.js');
    expect(viewCommand(binDir(cached, 'node_modules', '.bin'), cached, undefined)).toBe('npx @linecount/profiler view');
  });

  it('is `yarn linecount view` under Yarn Plug\'n\'Play, which has no node_modules/.bin', () => {
    expect(viewCommand(binDir(BIN_PATH, 'node_modules', '.bin'), BIN_PATH, '3')).toBe('yarn linecount view');
  });
});
