/** The temporary project of bench/startup.mjs, and how its commands are timed. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Node processes the child-process program starts, one after the other. */
export const CHILDREN = 20;

/**
 * A program that starts `node -e 0` CHILDREN times and prints the mean wall time of one
 * start, in ns: the figure does not include the program's own start.
 */
const SPAWN_CHILDREN = `const { spawnSync } = require('node:child_process');
const start = process.hrtime.bigint();
for (let i = 0; i < ${CHILDREN}; i++) spawnSync(process.execPath, ['-e', '0'], { stdio: 'inherit' });
console.log(String((process.hrtime.bigint() - start) / ${CHILDREN}n));
`;

/**
 * A program that starts CHILDREN Node processes that profile nothing, one after the other,
 * and prints the mean CPU time (user + system) of one, in ns. Each child is `node -e` of
 * code that, at its `exit` (after linecount's own exit handler), prints
 * `process.resourceUsage()`: everything the process spent, start-up, preloads and exit
 * included, not the program's own. With an argument, the children preload that file
 * (NODE_OPTIONS `--require`, as linecount's are): Node's own cost of a preload.
 */
const SPAWN_CHILDREN_CPU = `const { spawnSync } = require('node:child_process');
const REPORT = "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(1, String(u.userCPUTime + u.systemCPUTime)); })";
const preload = process.argv[2];
const env = preload ? { ...process.env, NODE_OPTIONS: \`\${process.env.NODE_OPTIONS ?? ''} --require "\${preload}"\` } : process.env;
let total = 0;
for (let i = 0; i < ${CHILDREN}; i++) {
  const child = spawnSync(process.execPath, ['-e', REPORT], { env, encoding: 'utf8' });
  if (child.status !== 0 || child.stderr) throw new Error(child.stderr);
  total += Number(child.stdout);
}
console.log(String(Math.round((total * 1000) / ${CHILDREN})));
`;

/** A TypeScript hello-world with one profiled function. */
const HELLO_TS = `// @profile
function greet(name: string): string {
  return \`hello \${name}\`;
}
console.log(greet('ts'));
`;

/**
 * A temporary project: hello.js, hello.ts, spawn-children.cjs, spawn-children-cpu.cjs, `linecount` (a link to
 * `cliPackage`), tsx (linecount's own), and a package of empty modules (what any
 * `--import <package>` costs).
 * @param {string} cliPackage Directory of the `linecount` package to measure.
 */
export function createProject(cliPackage) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linecount-startup-'));
  writeFileSync(path.join(dir, 'hello.js'), "console.log('hello');\n");
  writeFileSync(path.join(dir, 'hello.ts'), HELLO_TS);
  writeFileSync(path.join(dir, 'spawn-children.cjs'), SPAWN_CHILDREN);
  writeFileSync(path.join(dir, 'spawn-children-cpu.cjs'), SPAWN_CHILDREN_CPU);
  const empty = path.join(dir, 'node_modules', 'empty-preload');
  mkdirSync(empty, { recursive: true });
  writeFileSync(path.join(empty, 'package.json'), JSON.stringify({ name: 'empty-preload', exports: { import: './index.mjs', require: './index.cjs' } }));
  writeFileSync(path.join(empty, 'index.mjs'), '');
  writeFileSync(path.join(empty, 'index.cjs'), '');
  // Under the package's published name, which may be scoped (issue #16).
  const { name } = JSON.parse(readFileSync(path.join(cliPackage, 'package.json'), 'utf8'));
  mkdirSync(path.dirname(path.join(dir, 'node_modules', name)), { recursive: true });
  symlinkSync(cliPackage, path.join(dir, 'node_modules', name), 'dir');
  symlinkSync(realpathSync(path.join(cliPackage, 'node_modules', 'tsx')), path.join(dir, 'node_modules', 'tsx'), 'dir');
  return dir;
}

/**
 * @typedef {object} Variant
 * @property {string} name
 * @property {string[]} args Arguments of `node`.
 * @property {string} stdout What it must print (start), to check that it ran as expected.
 * @property {boolean} [reported] The figure is the one it prints (ns), not its wall time.
 * @property {boolean} [cpu] The figure is the CPU time (user + system) of its process tree, not its wall time.
 */

/**
 * Runs `node …args` under bash, whose `times` (written to fd 3) gives the CPU time (user +
 * system) of its waited-for children and theirs: the whole process tree, in ms.
 */
const CPU_WRAPPER = ['-c', '"$@"; status=$?; times >&3; exit $status', 'bash'];

/** The children's user + system time of bash's `times` output (`0m0.001s 0m0.002s` lines), in ns. */
function parseTimes(text) {
  const [, children] = text.trim().split('\n');
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map(([, m, s]) => Number(m) * 60 + Number(s));
  return Math.round((seconds[0] + seconds[1]) * 1e9);
}

/**
 * One run of a variant: its wall time in ns, the CPU time of its process tree with `cpu`,
 * or the figure it prints.
 * @param {Variant} variant
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 */
function timeOnce(variant, cwd, env) {
  const [command, args, stdio] = variant.cpu
    ? ['bash', [...CPU_WRAPPER, process.execPath, ...variant.args], ['pipe', 'pipe', 'pipe', 'pipe']]
    : [process.execPath, variant.args, 'pipe'];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, input: '', stdio });
  const elapsed = Number(process.hrtime.bigint() - start);
  if (result.error) throw result.error;
  const stdout = result.stdout.toString();
  if (result.status !== 0 || !stdout.startsWith(variant.stdout)) {
    throw new Error(`${variant.name} failed or printed something else: ${stdout}${result.stderr}`);
  }
  if (variant.cpu) return parseTimes(result.output[3].toString());
  return variant.reported ? Number(stdout) : elapsed;
}

/**
 * Times every variant `rounds` times after `warmUp` rounds, rotating which goes first.
 * @param {Variant[]} variants
 * @param {{ rounds: number, warmUp: number, cwd: string }} options
 * @returns {number[][]} The times of each variant.
 */
export function measure(variants, { rounds, warmUp, cwd }) {
  const env = { ...process.env };
  for (const name of ['LINE_PROFILE', 'LINECOUNT_SESSION', 'NODE_OPTIONS']) delete env[name];
  const times = variants.map(() => []);
  for (let round = -warmUp; round < rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const index = (Math.abs(round) + k) % variants.length;
      const elapsed = timeOnce(variants[index], cwd, env);
      if (round >= 0) times[index].push(elapsed);
    }
  }
  return times;
}
