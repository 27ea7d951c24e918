/**
 * Runs one test262 test in one scenario (strict or sloppy) the way test262's
 * INTERPRETING.md says: harness files first (`assert.js`, `sta.js`, `doneprintHandle.js`
 * for async tests, then the includes), a `"use strict";` directive before everything for
 * strict runs, nothing added for `raw` tests; module tests run the harness as a script,
 * then the test as a module. Negative tests must throw the named error in their phase.
 */
import vm from 'node:vm';
import { createRealm, type Host, type Refused } from './realm.js';
import type { FrontMatter } from './front-matter.js';

/** One way of running a test: its source as a script (strict or not) or a module. */
export interface Scenario {
  strict: boolean;
  module: boolean;
}

/** How a run ended: passed, failed (first line of the reason), or `instrument()` threw on the test's own source. */
export type Outcome = { status: 'pass' } | { status: 'fail' | 'throws'; message: string };

/** The test with what a scenario needs: its source, metadata and harness text. */
export interface TestCase {
  file: string;
  source: string;
  matter: FrontMatter;
  /** Concatenated harness files of the test. */
  harness: string;
}

/** How long an async test may take to call `$DONE`, in turns of the event loop. */
const ASYNC_TURNS = 200;

/** The scenarios test262 asks for by the flags of a test. */
export function scenariosOf(matter: FrontMatter): Scenario[] {
  const flags = new Set(matter.flags);
  if (flags.has('module')) return [{ strict: true, module: true }];
  if (flags.has('raw') || flags.has('noStrict')) return [{ strict: false, module: false }];
  if (flags.has('onlyStrict')) return [{ strict: true, module: false }];
  return [
    { strict: false, module: false },
    { strict: true, module: false },
  ];
}

function describe(error: unknown): string {
  if ((typeof error === 'object' && error !== null) || typeof error === 'function') {
    const { constructor, message } = error as { constructor?: { name?: string }; message?: unknown };
    return `${constructor?.name ?? 'Object'}: ${String(message)}`.split('\n')[0]!;
  }
  return `thrown ${String(error)}`;
}

function errorName(error: unknown): string | undefined {
  return (error as { constructor?: { name?: string } } | null)?.constructor?.name;
}

async function settle(host: Host): Promise<Outcome> {
  for (let turn = 0; turn < ASYNC_TURNS; turn++) {
    const done = host.printed.find((line) => line.startsWith('Test262:AsyncTest'));
    if (done === 'Test262:AsyncTestComplete') return { status: 'pass' };
    if (done) return { status: 'fail', message: done };
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { status: 'fail', message: '$DONE was never called' };
}

/** Runs the test in `scenario` in a fresh realm of `host`; returns what it threw, if anything. */
async function execute(test: TestCase, scenario: Scenario, host: Host): Promise<{ threw: boolean; error?: unknown }> {
  const realm = createRealm(host);
  try {
    if (scenario.module) {
      realm.evalScript(test.harness, 'harness.js');
      await realm.evalModule(test.source, test.file);
    } else if (test.matter.flags.includes('raw')) {
      realm.evalScript(test.source, test.file);
    } else {
      realm.evalScript(`${scenario.strict ? '"use strict";\n' : ''}${test.harness}${test.source}`, test.file);
    }
    return { threw: false };
  } catch (error) {
    return { threw: true, error };
  }
}

/** Whether V8 compiles `refused` (then the transform threw on valid code). */
function compiles({ code, isModule }: Refused): boolean {
  try {
    if (isModule) new vm.SourceTextModule(code);
    else new vm.Script(code);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs one scenario of a test with `host` (plain or instrumented). A negative test must
 * throw its error type (a parse-phase one never runs: its `$DONOTEVALUATE()` would
 * throw a Test262Error).
 */
export async function runScenario(test: TestCase, scenario: Scenario, host: Host): Promise<Outcome> {
  const { negative } = test.matter;
  const { threw, error } = await execute(test, scenario, host);
  const refused = host.refused.find(compiles);
  if (refused) return { status: 'throws', message: refused.message };
  if (negative) {
    if (!threw) return { status: 'fail', message: `expected ${negative.type} (${negative.phase}), none thrown` };
    return errorName(error) === negative.type ? { status: 'pass' } : { status: 'fail', message: `expected ${negative.type}, got ${describe(error)}` };
  }
  if (threw) return { status: 'fail', message: describe(error) };
  return test.matter.flags.includes('async') ? settle(host) : { status: 'pass' };
}
