/**
 * A worker of the pool: runs the files it is sent, each scenario plain and then, when the
 * plain run passes, in each mode, and answers one {@link FileResult} per file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { instrument } from '../../packages/instrumenter/dist/index.js';
import { parseFrontMatter } from './front-matter.js';
import { selectModes, type Mode } from './modes.js';
import type { Host, Transform } from './realm.js';
import { runScenario, scenariosOf, type Outcome, type Scenario, type TestCase } from './run-test.js';

/** What the main thread passes to each worker. */
export interface WorkerData {
  /** The test262 checkout. */
  root: string;
  /** Mode names, comma-separated. */
  modes: string;
}

/** One scenario of a file: its plain outcome, and each mode's when it passed plain. */
export interface ScenarioResult {
  scenario: string;
  plain: Outcome;
  modes: Record<string, Outcome>;
}

/** The answer for one file. */
export interface FileResult {
  file: string;
  scenarios: ScenarioResult[];
}

const { root, modes: modeNames } = workerData as WorkerData;
const modes = selectModes(modeNames);
const harnessFiles = new Map<string, string>();

function harnessFile(name: string): string {
  let text = harnessFiles.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(root, 'harness', name), 'utf8');
    harnessFiles.set(name, text);
  }
  return text;
}

function loadTest(file: string): TestCase {
  const source = readFileSync(path.join(root, file), 'utf8');
  const matter = parseFrontMatter(source);
  const names = ['assert.js', 'sta.js', ...(matter.flags.includes('async') ? ['doneprintHandle.js'] : []), ...matter.includes];
  return { file: path.join(root, file), source, matter, harness: names.map((name) => `${harnessFile(name)}\n`).join('') };
}

const plainTransform: Transform = (code) => code;

function modeTransform(mode: Mode): Transform {
  // Module sources get a module's extension: a `.js` name alone means a script here.
  return (code, filename, isModule) => instrument(code, { ...mode.options, filename: isModule ? filename.replace(/\.js$/, '.mjs') : filename }).code;
}

function scenarioName(scenario: Scenario): string {
  if (scenario.module) return 'module';
  return scenario.strict ? 'strict' : 'sloppy';
}

async function runFile(file: string): Promise<FileResult> {
  const test = loadTest(file);
  const scenarios: ScenarioResult[] = [];
  for (const scenario of scenariosOf(test.matter)) {
    const plain = await runScenario(test, scenario, { transform: plainTransform, runtime: false, texts: false, printed: [], refused: [] });
    const result: ScenarioResult = { scenario: scenarioName(scenario), plain, modes: {} };
    if (plain.status === 'pass') {
      for (const mode of modes) {
        const host: Host = { transform: modeTransform(mode), runtime: mode.runtime, texts: !mode.runtime, printed: [], refused: [] };
        result.modes[mode.name] = await runScenario(test, scenario, host);
      }
    }
    scenarios.push(result);
  }
  return { file, scenarios };
}

// A test's promise rejected without a handler, or its job failing later, is its own business.
process.on('unhandledRejection', () => undefined);
process.on('uncaughtException', () => undefined);

parentPort!.on('message', (file: string) => {
  runFile(file).then(
    (result) => parentPort!.postMessage(result),
    (error: unknown) => parentPort!.postMessage({ file, scenarios: [{ scenario: 'runner', plain: { status: 'fail', message: String(error) }, modes: {} }] } satisfies FileResult),
  );
});
