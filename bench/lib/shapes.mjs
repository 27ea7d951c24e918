/**
 * Equivalent probe shapes, as rewrites of a COPY of the instrumented code (experiments
 * for packages/runtime/src/probe.ts, which this bench must not edit). Each rewrite
 * matches the text the instrumenter emits today and throws when it matches nothing,
 * so a change of the emitted code shows up as an error, not as a silent no-op.
 */
import { createProbeNames, probeCode } from '../../packages/runtime/dist/probe.js';

/** Identifier prefix the instrumenter picks for a source that does not use `__lc`. */
const PREFIX = '__lc_';
const k = createProbeNames(PREFIX);
const SLOT = '\u0000';
const FN = '\u0001';

/**
 * Escapes text for a regular expression.
 * @param {string} text
 */
function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The probe statement's expression as emitted today (of any function), with the slot captured. */
const PROBE = new RegExp(escape(probeCode(k, FN, SLOT)).replace(SLOT, '(\\d+)').replace(FN, '\\d+'), 'g');

/** A shape that does not apply to the code the instrumenter emits today. */
export class ShapeMismatchError extends Error {}

/**
 * Replaces every match of `pattern` in `code`; throws when there is none.
 * @param {string} code
 * @param {RegExp | string} pattern
 * @param {string | ((...groups: string[]) => string)} replacement
 * @returns {string}
 */
function rewrite(code, pattern, replacement) {
  const regex = typeof pattern === 'string' ? new RegExp(escape(pattern), 'g') : pattern;
  if (!regex.test(code)) throw new ShapeMismatchError(`nothing matches ${regex}`);
  regex.lastIndex = 0;
  return code.replace(regex, replacement);
}

/** Declares the local `n` of the inline shape in every activation. */
const NEEDS_N = `var ${k.o} = `;

/**
 * The step function's work written out at each probe site: the probe of linecount before
 * issue 7 made it a call; a module variable holds the clock, as it did then.
 * @param {string} code
 */
function inline(code) {
  const declared = rewrite(code, NEEDS_N, `var ${PREFIX}n, ${k.o} = `);
  return `var ${PREFIX}P = performance; ${rewrite(declared, PROBE, (_, slot) => inlineProbe(slot, k, `${PREFIX}n`, `${PREFIX}P`))}`;
}

/**
 * The inline probe: `n = clock.now(), T[l] += n - t, t = n, n = ++G[0], C[l] += n - k, k = n, H[l = slot]++`
 * (without the publication of the open line that the step function makes since issue 18).
 * @param {string} slot
 * @param {import('../../packages/runtime/dist/probe.js').ProbeNames} names
 * @param {string} n A local for the clock read.
 * @param {string} clock The variable holding the clock.
 */
export function inlineProbe(slot, names, n, clock) {
  const { T, l, t, G, C, H } = names;
  return `${n} = ${clock}.now(), ${T}[${l}] += ${n} - ${t}, ${t} = ${n}, ${n} = ++${G}[0], ${C}[${l}] += ${n} - ${names.k}, ${names.k} = ${n}, ${H}[${l} = ${slot}]++`;
}

/** @type {Record<string, { description: string, transform: (code: string) => string }>} */
export const SHAPES = {
  current: {
    description: 'unchanged: `t = S(t, k, l, l = slot, fn), k = G[0]` (control: measures the noise)',
    transform: (code) => code,
  },
  inline: {
    description: "the step function's work inline at each probe (the probe before issue 7)",
    transform: inline,
  },
  'no-register-check': {
    description: 'drops the `H || i();` registration check of each activation (NOT equivalent in import cycles: prices the check)',
    transform: (code) => rewrite(code, `${k.H} || ${PREFIX}i();var ${k.o} = `, `var ${k.o} = `),
  },
};
