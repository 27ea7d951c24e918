import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { hitsOf, readJson, runCli } from '../helpers/cli.js';
import { createLinkedProject, listOutputs, runNode, startNode, waitForOutput, type Results } from '../helpers/register.js';

/*
 * SPEC §7: "Child processes and worker threads started by a profiled process are
 * profiled too; only the owner process writes the files, the results of the others are
 * merged into them (no lost, no duplicate files)."
 */

/** `work(k)` runs line 3 once, line 4 k+1 times, line 5 once. */
const WORK_MODULE = `// @profile
export function work(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s += i;
  return s;
}
`;

/** Hits of `calls` calls of `work(2)`. */
function hitsOfCalls(calls: number): Record<number, number> {
  return { 3: calls, 4: 3 * calls, 5: calls };
}

const FAMILY = {
  'package.json': '{ "type": "module" }\n',
  'work.js': WORK_MODULE,
  // main: 1 call; 4 workers × 10 calls; 2 forked children × 100 calls.
  'main.js': `import { Worker } from 'node:worker_threads';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { work } from './work.js';
work(2);
const workers = [0, 1, 2, 3].map(() => new Worker(new URL('./worker.js', import.meta.url)));
const children = [fork('./child.js'), fork('./child.js')];
const codes = await Promise.all([...workers, ...children].map(async (w) => (await once(w, 'exit'))[0]));
console.log('exit codes', codes.join(','));
`,
  'worker.js': `import { work } from './work.js';\nfor (let i = 0; i < 10; i++) work(2);\n`,
  'child.js': `import { work } from './work.js';\nfor (let i = 0; i < 100; i++) work(2);\n`,
};

const OUTPUTS = ['profile_output.lcprof', 'profile_output.txt', 'profile_output_<stamp>.txt'];

describe('LINE_PROFILE: workers and child processes are merged into the owner files', () => {
  it('4 worker threads and 2 forked children: exact total hits, one set of files', async () => {
    for (const preload of ['--import', '--require']) {
      const cwd = createLinkedProject(FAMILY);
      const result = await runNode([preload, '@linecount/profiler/register', 'main.js'], { cwd, env: { LINE_PROFILE: '1' } });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')[0]).toBe('exit codes 0,0,0,0,0,0');
      expect(result.stdout.match(/Wrote profile results to/g)).toHaveLength(3);
      expect(listOutputs(cwd)).toEqual([...OUTPUTS, ...Object.keys(FAMILY)].sort());
      expect(hitsOf(readJson<Results>(cwd, 'profile_output.lcprof'), 'work')).toEqual(hitsOfCalls(1 + 40 + 200));
    }
  });

  it('children started by spawn and exec, and cluster workers', async () => {
    const cwd = createLinkedProject({
      'package.json': '{ "type": "module" }\n',
      'work.js': WORK_MODULE,
      'child.js': `import { work } from './work.js';\nfor (let i = 0; i < 10; i++) work(2);\n`,
      'main.js': `import { spawn, exec } from 'node:child_process';
import cluster from 'node:cluster';
import { once } from 'node:events';
import { work } from './work.js';
if (cluster.isPrimary) {
  const spawned = spawn(process.execPath, ['child.js'], { stdio: 'inherit' });
  const shell = exec('node child.js');
  const workers = [cluster.fork(), cluster.fork()];
  await Promise.all([once(spawned, 'exit'), once(shell, 'exit'), ...workers.map((w) => once(w, 'exit'))]);
  console.log('primary done');
} else {
  for (let i = 0; i < 100; i++) work(2);
  process.exit(0);
}
`,
    });
    const result = await runNode(['--import', '@linecount/profiler/register', 'main.js'], { cwd, env: { LINE_PROFILE: '1' } });
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')[0]).toBe('primary done');
    expect(hitsOf(readJson<Results>(cwd, 'profile_output.lcprof'), 'work')).toEqual(hitsOfCalls(10 + 10 + 200));
  });

  it('worker.terminate() and process.exit() with live workers: the workers save first', async () => {
    const cwd = createLinkedProject({
      'package.json': '{ "type": "module" }\n',
      'work.js': WORK_MODULE,
      'idle.js': `import { parentPort } from 'node:worker_threads';
import { work } from './work.js';
for (let i = 0; i < 10; i++) work(2);
parentPort.postMessage('ready');
setInterval(() => {}, 1000);
`,
      'main.js': `import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
const start = async () => { const w = new Worker(new URL('./idle.js', import.meta.url)); await once(w, 'message'); return w; };
const terminated = await start();
console.log('terminate ->', await terminated.terminate());
await start();
await start();
process.exit(0);
`,
    });
    const result = await runNode(['--import', '@linecount/profiler/register', 'main.js'], { cwd, env: { LINE_PROFILE: '1' } });
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')[0]).toBe('terminate -> 1');
    expect(hitsOf(readJson<Results>(cwd, 'profile_output.lcprof'), 'work')).toEqual(hitsOfCalls(30));
  });

  it('a cluster primary stopped alone by SIGTERM: its workers save before it goes', async () => {
    const cwd = createLinkedProject({
      'package.json': '{ "type": "module" }\n',
      'work.js': WORK_MODULE,
      'server.js': `import cluster from 'node:cluster';
import { work } from './work.js';
if (cluster.isPrimary) {
  let ready = 0;
  cluster.on('message', () => ++ready === 2 && console.log('ready'));
  cluster.fork();
  cluster.fork();
} else {
  for (let i = 0; i < 10; i++) work(2);
  process.send('ready');
  setInterval(() => {}, 1000);
}
`,
    });
    const primary = startNode(['--import', '@linecount/profiler/register', 'server.js'], { cwd, env: { LINE_PROFILE: '1' } });
    await waitForOutput(primary, 'ready');
    primary.kill('SIGTERM');
    const [code, signal] = await once(primary, 'exit');
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
    expect(hitsOf(readJson<Results>(cwd, 'profile_output.lcprof'), 'work')).toEqual(hitsOfCalls(20));
  });

  it('a child still running when the owner exits is waited for (up to 2 s)', async () => {
    const cwd = createLinkedProject({
      'package.json': '{ "type": "module" }\n',
      'work.js': WORK_MODULE,
      'late.js': `import { work } from './work.js';\nconsole.log('started');\nsetTimeout(() => { for (let i = 0; i < 5; i++) work(2); }, 300);\n`,
      // The owner leaves as soon as the child runs (its profiler started before its code).
      'main.js': `import { spawn } from 'node:child_process';
const child = spawn(process.execPath, ['late.js'], { stdio: ['ignore', 'pipe', 'inherit'] });
child.stdout.once('data', () => { console.log('owner leaves'); process.exit(0); });
`,
    });
    const result = await runNode(['--import', '@linecount/profiler/register', 'main.js'], { cwd, env: { LINE_PROFILE: '1' } });
    expect(result.stdout.split('\n')[0]).toBe('owner leaves');
    expect(hitsOf(readJson<Results>(cwd, 'profile_output.lcprof'), 'work')).toEqual(hitsOfCalls(5));
  });
});

describe('linecount script: workers and child processes are merged into the results file', () => {
  it('4 worker threads and 2 forked children', async () => {
    const cwd = createLinkedProject(FAMILY);
    const result = await runCli(['main.js'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("Wrote profile results to 'main.js.lcprof'\nInspect results with:\nnpx linecount view main.js.lcprof\n");
    const results = readJson<Results>(cwd, 'main.js.lcprof');
    expect(hitsOf(results, 'work')).toEqual(hitsOfCalls(241));
    expect(results.meta.argv).toEqual(['linecount', 'main.js']);
    expect(listOutputs(cwd)).toEqual(['main.js.lcprof', ...Object.keys(FAMILY)].sort());
  });
});
