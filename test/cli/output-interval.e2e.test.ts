import path from 'node:path';
import { once } from 'node:events';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, hitsOf, readJson } from '../helpers/cli.js';
import { createLinkedProject, startNode, waitForJson, waitForOutput, type Results } from '../helpers/register.js';

/** A server: profiled work at start, then it idles until stopped. */
const SERVER = `// @profile
function handle(n) {
  return n * 2;
}
for (let i = 0; i < 7; i++) handle(i);
console.log('ready');
setInterval(() => {}, 1000);
`;

describe('-i/--output-interval: the results file is rewritten while the program runs (SPEC §4)', () => {
  it('linecount -i 0.2 script: an intermediate results file, then the final one', async () => {
    const cwd = createLinkedProject({ 'server.js': SERVER });
    const cli = spawn(process.execPath, [BIN, '-q', '-i', '0.2', 'server.js'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    await waitForOutput(cli, 'ready');
    const intermediate = await waitForJson<Results>(path.join(cwd, 'server.js.lcprof'));
    expect(cli.exitCode).toBe(null);
    expect(hitsOf(intermediate, 'handle')).toEqual({ 3: 7 });
    cli.kill('SIGTERM');
    const [code] = await once(cli, 'exit');
    expect(code).toBe(143);
    expect(hitsOf(readJson<Results>(cwd, 'server.js.lcprof'), 'handle')).toEqual({ 3: 7 });
  });

  it('LINE_PROFILE mode with LINECOUNT_OUTPUT_INTERVAL', async () => {
    const cwd = createLinkedProject({ 'server.js': SERVER });
    const server = startNode(['--import', '@linecount/profiler/register', 'server.js'], {
      cwd,
      env: { LINE_PROFILE: '1', LINECOUNT_OUTPUT_INTERVAL: '0.2' },
    });
    await waitForOutput(server, 'ready');
    const intermediate = await waitForJson<Results>(path.join(cwd, 'profile_output.lcprof'));
    expect(server.exitCode).toBe(null);
    expect(hitsOf(intermediate, 'handle')).toEqual({ 3: 7 });
    server.kill('SIGINT');
    const [code, signal] = await once(server, 'exit');
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGINT' });
  });

  it('outputInterval from the configuration; the timer does not keep the program alive', async () => {
    const cwd = createLinkedProject({
      'package.json': JSON.stringify({ linecount: { outputInterval: 0.1 } }),
      'short.js': `// @profile\nfunction f() {\n  return 1;\n}\nf();\nsetTimeout(f, 350);\n`,
    });
    const program = startNode(['--import', '@linecount/profiler/register', 'short.js'], { cwd, env: { LINE_PROFILE: '1' } });
    // A timer keeping the program alive would make it run forever: it ends by itself.
    const [code, signal] = await once(program, 'exit');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(hitsOf(readJson<Results>(cwd, 'profile_output.lcprof'), 'f')).toEqual({ 3: 2 });
  });
});
