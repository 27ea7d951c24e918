import { execFileSync } from 'node:child_process';
import { createReadStream, lstatSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject, runCli } from '../helpers/cli.js';

describe('-o onto a path that is not a regular file', () => {
  it('writes a FIFO in place instead of replacing it (as root, -o /dev/null replaced the device)', async () => {
    const cwd = createProject({ 'a.js': '// @profile\nfunction f() {\n  return 1;\n}\nf();\n' });
    const fifo = path.join(cwd, 'results.fifo');
    execFileSync('mkfifo', [fifo]);
    const received = text(createReadStream(fifo));
    const result = await runCli(['-q', '-o', fifo, 'a.js'], { cwd });
    expect(result.code).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    const results = JSON.parse(await received) as { functions: { name: string; lines: number[][] }[] };
    expect(results.functions.map((fn) => [fn.name, fn.lines.map(([line, hits]) => [line, hits])])).toEqual([['f', [[3, 1]]]]);
  });
});
