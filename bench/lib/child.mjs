/** Child processes and options shared by the bench scripts. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs `script` in a fresh process of the same Node binary with the same flags (V8 flags
 * included) and parses the JSON it writes to stdout; its stderr passes through.
 * @param {string} scriptUrl `import.meta.url` of the script.
 * @param {string[]} args
 * @returns {any}
 */
export function runChild(scriptUrl, args) {
  const argv = [...process.execArgv, fileURLToPath(scriptUrl), ...args];
  const child = spawnSync(process.execPath, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`child ${args.join(' ')} failed (exit ${child.status ?? child.signal})`);
  return JSON.parse(child.stdout);
}

/**
 * Reads an integer option.
 * @param {string} name
 * @param {string} value
 * @param {number} min
 * @returns {number}
 */
export function integerOption(name, value, min) {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${value}`);
  return number;
}
