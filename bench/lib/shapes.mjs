/**
 * Equivalent probe shapes, as rewrites of a COPY of the instrumented code (experiments
 * for packages/runtime/src/probe.ts, which this bench must not edit). Each rewrite
 * matches the text the instrumenter emits today and throws when it matches nothing,
 * so a change of the emitted code shows up as an error, not as a silent no-op.
 */
import { createProbeNames, probeCode } from '../../packages/runtime/dist/index.js';

/** Identifier prefix the instrumenter picks for a source that does not use `__lc`. */
const PREFIX = '__lc_';
const k = createProbeNames(PREFIX);
const SLOT = '\u0000';

/**
 * Escapes text for a regular expression.
 * @param {string} text
 */
function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The probe statement's expression as emitted today, with the slot captured. */
const PROBE = new RegExp(escape(probeCode(k, SLOT)).replace(SLOT, '(\\d+)'), 'g');

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

/**
 * Adds a module-level binding, set where the preamble sets P.
 * @param {string} code
 * @param {string} name
 * @param {string} init Expression evaluated after P is set.
 */
function addModuleBinding(code, name, init) {
  return `${rewrite(code, `${k.P} = ${PREFIX}r.clock`, `${k.P} = ${PREFIX}r.clock, ${name} = ${init}`)}\nvar ${name};`;
}

/**
 * Probes as separate statements instead of one comma expression.
 * @param {string} code
 */
function statements(code) {
  return rewrite(code, PROBE, (_, slot) => `${k.n} = ${k.P}.now(); ${k.T}[${k.l}] += ${k.n} - ${k.t}; ${k.t} = ${k.n}; ${k.H}[${k.l} = ${slot}]++`);
}

/**
 * Hits, times and clock copied into locals of each activation.
 * @param {string} code
 */
function locals(code) {
  const aliased = rewrite(code, `var ${k.o} = `, `var ${PREFIX}h = ${k.H}, ${PREFIX}q = ${k.T}, ${PREFIX}p = ${k.P}, ${k.o} = `);
  const hits = rewrite(aliased, `${k.H}[`, `${PREFIX}h[`);
  return rewrite(rewrite(hits, `${k.T}[`, `${PREFIX}q[`), `${k.P}.now()`, `${PREFIX}p.now()`);
}

/**
 * A module-level clock function `C` too big for TurboFan to inline (over V8's
 * max_inlined_bytecode_size of 460 bytes), so each read is one plain call while `C`'s
 * own optimized code inlines the whole `performance.now()` chain.
 * @param {string} code
 */
function outlinedClock(code) {
  const filler = `${PREFIX}x = ${PREFIX}x * 3 + 1;`.repeat(100);
  const clock = `function ${PREFIX}C(${PREFIX}x) { if (${PREFIX}x === 1) { ${filler} return ${PREFIX}x; } return ${k.P}.now(); }`;
  return `${rewrite(code, `${k.P}.now()`, `${PREFIX}C()`)}\n${clock}`;
}

/** @type {Record<string, { description: string, transform: (code: string) => string }>} */
export const SHAPES = {
  current: {
    description: 'unchanged: `n = P.now(), T[l] += n - t, t = n, H[l = slot]++` (control: measures the noise)',
    transform: (code) => code,
  },
  statements: {
    description: 'same operations as four statements: `n = P.now(); T[l] += n - t; t = n; H[l = slot]++;`',
    transform: statements,
  },
  'assign-in-use': {
    description: '`T[l] += (n = P.now()) - t, t = n, H[l = slot]++`',
    transform: (code) => rewrite(code, PROBE, (_, slot) => `${k.T}[${k.l}] += (${k.n} = ${k.P}.now()) - ${k.t}, ${k.t} = ${k.n}, ${k.H}[${k.l} = ${slot}]++`),
  },
  locals: {
    description: 'the prologue copies H, T and P into locals; probes and epilogue use the locals',
    transform: locals,
  },
  'locals+statements': {
    description: 'both of the above',
    transform: (code) => locals(statements(code)),
  },
  'bound-now': {
    description: 'module-level `N = P.now.bind(P)`; probes call `N()`',
    transform: (code) => rewrite(addModuleBinding(code, `${PREFIX}N`, `${k.P}.now.bind(${k.P})`), `${k.P}.now()`, `${PREFIX}N()`),
  },
  'uint32-hits': {
    description: 'hits in a Uint32Array instead of a Float64Array',
    transform: (code) => {
      const shaped = addModuleBinding(code, `${PREFIX}U`, `new Uint32Array(${k.H}.length)`);
      return `${rewrite(shaped, `${k.H}[`, `${PREFIX}U[`)}\nexport { ${PREFIX}U as shapeHits };`;
    },
  },
  'outlined-clock': {
    description: 'probes call a module-level clock function that TurboFan will not inline (one plain call per read)',
    transform: outlinedClock,
  },
  'global-performance': {
    description: 'probes call the global `performance.now()` instead of the captured P',
    transform: (code) => rewrite(code, `${k.P}.now()`, 'performance.now()'),
  },
  'no-read-count': {
    description: 'drops the read counter `n = ++G[0], C[l] += n - k, k = n` from the probes (NOT equivalent: prices it)',
    transform: (code) => rewrite(code, `${k.n} = ++${k.G}[0], ${k.C}[${k.l}] += ${k.n} - ${k.k}, ${k.k} = ${k.n}, ${k.H}[`, `${k.H}[`),
  },
  'no-register-check': {
    description: 'drops the `H || i();` registration check of each activation (NOT equivalent in import cycles: prices the check)',
    transform: (code) => rewrite(code, `${k.H} || ${PREFIX}i();var ${k.o} = `, `var ${k.o} = `),
  },
};
