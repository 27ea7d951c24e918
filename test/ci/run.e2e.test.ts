/**
 * `.ci/run`, CI's entry point (issue #12, item 8): its closing `N passed, N failed, N
 * skipped` line is printed when tests fail too, its status is non-zero whenever anything
 * failed, and a run that never reached the tests says so. The real script runs in a copy
 * of the repository's layout whose `pnpm` and install script are stand-ins: `pnpm run ci`
 * plays a scenario (CI_SCENARIO) instead of building and testing the whole repository.
 */
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, createProject, runProcess } from '../helpers/cli.js';

/** Vitest's JSON report, as much of it as `.ci/run` reads. */
function report(passed: number, failed: number, skipped: number, success = failed === 0): string {
  return JSON.stringify({ numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: 0, success });
}

/** What `pnpm run ci` does in each scenario: writes a report or not, and exits with a status. */
const SCENARIOS: Record<string, { report?: string; status: number }> = {
  passed: { report: report(10, 0, 2), status: 0 },
  failed: { report: report(7, 3, 2), status: 1 },
  // Every test passed but a file could not load: vitest fails the run.
  'file error': { report: report(10, 0, 0, false), status: 1 },
  'lint failed': { status: 2 },
};

const FAKE_PNPM = `#!/usr/bin/env node
const { mkdirSync, writeFileSync } = require('node:fs');
const args = process.argv.slice(2).join(' ');
if (args === '--version') console.log('10.34.9');
if (args !== 'run ci') process.exit(0);
const scenario = ${JSON.stringify(SCENARIOS)}[process.env.CI_SCENARIO];
if (scenario.report) {
  mkdirSync('test-artifacts', { recursive: true });
  writeFileSync('test-artifacts/vitest.json', scenario.report);
}
process.exit(scenario.status);
`;

/** A copy of `.ci/run` with stand-ins for what it installs and runs; a stale report from an earlier run is left in place. */
function createCiCopy(): string {
  const dir = createProject({
    'bin/pnpm': FAKE_PNPM,
    'scripts/install-test-deps.sh': 'exit 0\n',
    'test-artifacts/vitest.json': report(99, 0, 0),
  });
  chmodSync(path.join(dir, 'bin/pnpm'), 0o755);
  mkdirSync(path.join(dir, '.ci'));
  copyFileSync(path.join(REPO, '.ci/run'), path.join(dir, '.ci/run'));
  return dir;
}

async function runCi(scenario: string) {
  const dir = createCiCopy();
  const env = { CI_SCENARIO: scenario, PATH: `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH}` };
  return runProcess('bash', [path.join(dir, '.ci/run')], { cwd: dir, env });
}

describe('.ci/run', () => {
  it.each([
    ['passed', 0, '10 passed, 0 failed, 2 skipped'],
    ['failed', 1, '7 passed, 3 failed, 2 skipped'],
    ['file error', 1, '10 passed, 0 failed, 0 skipped'],
  ])('tests %s: the closing line, then exit %i', async (scenario, code, line) => {
    const result = await runCi(scenario);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(line);
    expect(result.code).toBe(code);
  });

  it('no report (the build, typecheck or lint failed): says so and keeps the failure status', async () => {
    const result = await runCi('lint failed');
    expect(result.code).toBe(2);
    expect(result.stdout).not.toMatch(/passed/);
    expect(result.stderr).toContain('ci: no test report (test-artifacts/vitest.json): build, typecheck or lint failed before the tests ran');
  });
});
