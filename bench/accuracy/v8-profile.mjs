/**
 * Per-line figures of a V8 `.cpuprofile` (`node --cpu-prof`): the self ticks of each
 * source line of a function, from the `positionTicks` of its nodes, and the function's
 * inclusive ticks (its nodes and everything they called).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * @typedef {object} ProfileNode
 * @property {number} id
 * @property {{ functionName: string, url: string, lineNumber: number }} callFrame
 * @property {number} hitCount
 * @property {number[]} [children]
 * @property {{ line: number, ticks: number }[]} [positionTicks]
 */

/**
 * @typedef {object} FunctionTicks
 * @property {number} inclusive Ticks in the function and its callees (suspended time is not sampled).
 * @property {Map<number, number>} lines Self ticks per 1-based line of the script.
 */

/**
 * Reads the one profile that a `--cpu-prof` process wrote into `dir`.
 * @param {string} dir
 * @returns {{ nodes: ProfileNode[] }}
 */
export function readCpuProfile(dir) {
  const [file, ...others] = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  if (!file || others.length > 0) throw new Error(`expected one .cpuprofile in ${dir}`);
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
}

/**
 * The ticks of the function `name` of the script `url`. A recursive function's nested
 * nodes add their self ticks but are not counted twice in `inclusive`. Position ticks
 * of code that V8 inlined into the function carry the inlined function's own lines
 * (another function's, or another script's): they are in `lines` under those lines, so
 * the function's own lines only get what ran in them.
 * @param {{ nodes: ProfileNode[] }} profile
 * @param {string} url
 * @param {string} name
 * @returns {FunctionTicks}
 */
export function ticksOfFunction(profile, url, name) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const isTarget = (/** @type {ProfileNode} */ node) => node.callFrame.url === url && node.callFrame.functionName === name;
  /** @type {(node: ProfileNode) => number} */
  const subtreeTicks = (node) => node.hitCount + (node.children ?? []).reduce((sum, id) => sum + subtreeTicks(byId.get(id)), 0);
  const lines = new Map();
  let inclusive = 0;
  /** @type {(node: ProfileNode, inside: boolean) => void} */
  const visit = (node, inside) => {
    const target = isTarget(node);
    if (target) {
      if (!inside) inclusive += subtreeTicks(node);
      for (const { line, ticks } of node.positionTicks ?? []) lines.set(line, (lines.get(line) ?? 0) + ticks);
    }
    for (const id of node.children ?? []) visit(byId.get(id), inside || target);
  };
  const root = profile.nodes[0];
  if (root) visit(root, false);
  return { inclusive, lines };
}
