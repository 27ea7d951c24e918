/** linecount's messages go through one channel that the command's Output and tests capture (issue 15, section 4). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureDiagnostics, complain, note, warn } from '../../packages/cli/src/session/diagnostics.js';
import { main } from '../../packages/cli/src/command/main.js';

describe('diagnostics', () => {
  it('one line per message, each kind with its prefix, to the installed sink until released', () => {
    const lines: string[] = [];
    const release = captureDiagnostics((text) => lines.push(text));
    warn('a');
    note('b');
    complain('c');
    release();
    expect(lines).toEqual(['linecount: warning: a\n', 'linecount: note: b\n', 'linecount: c\n']);
  });

  it("main() sends the run's warnings to its Output, and stops when it returns", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lc-diag-'));
    const config = path.join(dir, 'linecount.config.json');
    writeFileSync(config, JSON.stringify({ frobnicate: 1 }));
    const stderr: string[] = [];
    const outside: string[] = [];
    const releaseOutside = captureDiagnostics((text) => outside.push(text));
    try {
      const code = await main(['view', '--config', config, path.join(dir, 'missing.lcprof')], { stdout: () => {}, stderr: (text) => stderr.push(text) });
      expect(code).not.toBe(0);
      warn('after');
    } finally {
      releaseOutside();
    }
    expect(stderr[0]).toBe(`linecount: warning: unknown config key(s) in ${config}: frobnicate\n`);
    expect(outside).toEqual(['linecount: warning: after\n']);
  });
});
