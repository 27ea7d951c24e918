import { template } from './interop.js';
import * as t from '@babel/types';
import { FIRST_FUNCTION, GLOBAL_NAME, SOURCE_TEXTS_GLOBAL, type FileTable } from '@linecount/runtime';
import {
  EXACT_PROBE_CODE,
  SAMPLED_PROBE_CODE,
  createProbeNames,
  type AsyncStyle,
  type ProbeNames,
  type SuspendStyle,
} from '@linecount/runtime/probe-code';
import { INSTRUMENTED_MARKER } from './constants.js';
import { hideFromCoverage, hideLogicals } from './coverage-hints.js';
import { TEMPLATE_OPTIONS, precompileTemplate, type Build } from './templates.js';

/** Builders of the probe code of one file; the code itself comes from the runtime (`@linecount/runtime/probe-code`). */
export interface ProbeKit {
  readonly names: ProbeNames;
  /** Adds istanbul's `ignore next` hint before `node`, in this file's form (see coverage-hints.ts). */
  hide<T extends t.Node>(node: T): T;
  /** `t = S(t, k, l, O[fn] = l = slot), k = G[0];` */
  probe(fn: number, slot: number): t.Statement;
  /** Start of an activation and the probe of its first line, `slot` (0: the body runs no line; sampled mode then has no probe). */
  prologue(fn: number, slot: number, style: SuspendStyle): t.Statement[];
  epilogue(fn: number, style: SuspendStyle): t.Statement[];
  /** Wraps `suspension` (an await/yield of `names.v`) evaluated after `operand`. */
  suspend(fn: number, slot: number, style: AsyncStyle, suspension: t.Expression, operand: t.Expression): t.Expression;
  /** `(v = operand, park, v)`: evaluates `operand`, then releases the activation (`for await` heads). */
  parkAfter(fn: number, style: AsyncStyle, operand: t.Expression): t.Expression;
  /** Releases the activation before a `for await` asks for its next value. */
  park(fn: number, style: AsyncStyle): t.Statement;
  /** Takes the activation back on `slot`; `ifParked`: only when it is parked. */
  resume(fn: number, slot: number, style: AsyncStyle, ifParked: boolean): t.Statement;
  /** `if (s) …`: takes back an activation that an exception left parked (see `resumeAfterThrowCode`). */
  resumeAfterThrow(fn: number): t.Statement;
  /** Takes back an activation that the epilogue closed before `super(…)`, charging the call to its line (see `resumeAfterCallCode`). */
  resumeAfterCall(fn: number): t.Statement;
  /**
   * `var r, H, …; function i() { r = globalThis.__linecount__.register(table, sources, globalThis); H = r.hits; … } H || i();`
   * Registration sits in a hoisted function so that a function called before the module
   * body runs (an ES module import cycle) can register first (see `ensureRegistered`,
   * whose statement, `i();` under V8 coverage, also ends the preamble).
   */
  preamble(table: FileTable, sources: t.Expression): t.Statement[];
  /**
   * `H || i();`: the prologue of functions that may run before the preamble. Under V8
   * coverage (c8), `i();`, with the test inside `i`: V8 reports the right operand of
   * `||`, and only the preamble's function is out of c8's sight (see coverage-hints.ts).
   */
  ensureRegistered(): t.Statement;
  /**
   * Switchable files (build plugins, SPEC §3 "off means off"): the preamble registers
   * only when the runtime is installed and records the answer in `const E` (V8 folds a
   * constant: the check costs nothing once optimized) and `var V`, and every profiled
   * function starts with `if (!E) { original } else { instrumented }`: the original code
   * first, so that it keeps its line numbers (`retainLines`) for when profiling is off.
   * @param early The function may run before the preamble (a hoisted function of a
   *   module that imports, in an import cycle): it tests `V`, which has no temporal dead
   *   zone, and runs its original code until the preamble ran.
   */
  switchOn(early: boolean, instrumented: t.Statement[], original: t.Statement[]): t.Statement;
  /** `if (E) return twin;`: hands the call to an instrumented twin (see switchable.ts). */
  forward(early: boolean, twin: t.Expression): t.Statement;
  /** `if (E) { statements }`: switchable code that runs only while profiling. */
  whenOn(statements: t.Statement[]): t.Statement;
}

function num(value: number): t.NumericLiteral {
  return t.numericLiteral(value);
}

/** Function `index` of the file (0 first) as the probe code numbers it. */
function fnNum(index: number): t.NumericLiteral {
  return t.numericLiteral(FIRST_FUNCTION + index);
}

/** Options of {@link createProbeKit}. */
export interface ProbeKitOptions {
  /** Build plugins' code that runs its original when profiling is off (see `switchOn`). */
  switchable?: boolean;
  /** The output runs under V8 coverage (see `ensureRegistered`). */
  v8Coverage?: boolean;
  /** istanbul's hints in the form esbuild keeps (the output is compiled again). */
  preserveHints?: boolean;
  /** Sampled mode's probes (the runtime's sampled-probe.ts) instead of exact mode's. */
  sampled?: boolean;
}

/** Creates the builders for identifiers starting with `prefix` (see {@link ProbeKitOptions}). */
export function createProbeKit(prefix: string, options: ProbeKitOptions = {}): ProbeKit {
  const { switchable = false, v8Coverage = false, preserveHints = false } = options;
  const code = options.sampled ? SAMPLED_PROBE_CODE : EXACT_PROBE_CODE;
  const k = createProbeNames(prefix);
  const probe = precompileTemplate('statement', code.probe(k, '%%fn%%', '%%slot%%'));
  const prologues = new Map<SuspendStyle, Build<t.Statement[]>>();
  const starts = new Map<SuspendStyle, Build<t.Statement[]>>();
  const epilogues = new Map<SuspendStyle, Build<t.Statement[]>>();
  const suspends = new Map<SuspendStyle, Build<t.Expression>>();
  const parkAfters = new Map<SuspendStyle, Build<t.Expression>>();
  const parks = new Map<SuspendStyle, Build<t.Statement>>();
  const resumes = new Map<string, Build<t.Statement>>();
  for (const style of ['none', 'charged', 'segmented'] as const) {
    prologues.set(style, precompileTemplate('statements', code.prologue(k, '%%fn%%', '%%slot%%', style)));
    if (code.start) starts.set(style, precompileTemplate('statements', code.start(k, '%%fn%%', style)));
    epilogues.set(style, precompileTemplate('statements', code.epilogue(k, '%%fn%%', style)));
    if (style !== 'none') {
      suspends.set(style, precompileTemplate('expression', code.suspend(k, '%%fn%%', '%%slot%%', style, '%%suspension%%', '%%operand%%')));
      const park = code.park(k, '%%fn%%', style);
      const resume = code.resume(k, '%%fn%%', '%%slot%%', style);
      parkAfters.set(style, precompileTemplate('expression', `(${k.v} = %%operand%%, ${park}, ${k.v})`));
      parks.set(style, precompileTemplate('statement', `${park};`));
      resumes.set(`${style} always`, precompileTemplate('statement', `${resume};`));
      resumes.set(`${style} ifParked`, precompileTemplate('statement', `if (${k.s}) { ${resume}; }`));
    }
  }
  const resumeAfterThrow = precompileTemplate('statement', code.resumeAfterThrow(k, '%%fn%%'));
  const resumeAfterCall = precompileTemplate('statement', code.resumeAfterCall(k, '%%fn%%'));
  const r = `${prefix}r`;
  const init = `${prefix}i`;
  const on = `${prefix}E`;
  const early = `${prefix}V`;
  const runtime = `globalThis.${GLOBAL_NAME}`;
  const texts = `${prefix}s`;
  const register = (sources: string): string =>
    `${r} = ${runtime}.register(%%table%%, ${sources}, globalThis); ${k.H} = ${r}.hits; ` +
    `${k.T} = ${r}.time; ${k.D} = ${r}.depth; ${k.F} = ${r}.total; ${k.C} = ${r}.counts; ` +
    `${k.Q} = ${r}.totalCounts; ${k.O} = ${r}.open; ${k.X} = ${r}.nested; ${k.Y} = ${r}.nestedCounts; ` +
    `${k.G} = ${r}.probes; ${k.S} = ${r}.step;`;
  const variables = `var ${r}, ${k.H}, ${k.T}, ${k.D}, ${k.F}, ${k.C}, ${k.Q}, ${k.O}, ${k.X}, ${k.Y}, ${k.G}, ${k.S}`;
  const registerCall = v8Coverage ? `${init}();` : `${k.H} || ${init}();`;
  const preamble = template.statements(
    switchable
      ? `${variables}, ${early}, ${texts} = %%sources%%; if (${runtime} !== undefined) { ${register(texts)} ${early} = true; } ` +
          `else if (globalThis.${SOURCE_TEXTS_GLOBAL} !== undefined) globalThis.${SOURCE_TEXTS_GLOBAL}(${texts}, globalThis); ` +
          `const ${on} = ${early} === true;`
      : `${variables}; function ${init}() { ${v8Coverage ? `if (${k.H}) return; ` : ''}${register('%%sources%%')} } ${registerCall}`,
    TEMPLATE_OPTIONS,
  );
  const ensureRegistered = template.statement(registerCall, TEMPLATE_OPTIONS);
  const hide = <T extends t.Node>(node: T): T => hideFromCoverage(node, preserveHints);
  const hideEach = (statements: t.Statement[]): t.Statement[] => statements.map(hide);
  const hideInner = <T extends t.Node>(node: T, ...keep: t.Node[]): T => {
    hideLogicals(node, new Set(keep), preserveHints);
    return node;
  };
  return {
    names: k,
    hide,
    probe: (fn, slot) => hide(probe({ fn: fnNum(fn), slot: num(slot) })),
    prologue: (fn, slot, style) => {
      const start = slot === 0 ? starts.get(style) : undefined;
      return hideEach(start ? start({ fn: fnNum(fn) }) : prologues.get(style)!({ fn: fnNum(fn), slot: num(slot) }));
    },
    epilogue: (fn, style) => hideEach(epilogues.get(style)!({ fn: fnNum(fn) })),
    suspend: (fn, slot, style, suspension, operand) =>
      hideInner(suspends.get(style)!({ fn: fnNum(fn), slot: num(slot), suspension, operand }), suspension, operand),
    parkAfter: (fn, style, operand) => hideInner(parkAfters.get(style)!({ fn: fnNum(fn), operand }), operand),
    park: (fn, style) => hide(parks.get(style)!({ fn: fnNum(fn) })),
    resume: (fn, slot, style, ifParked) => hide(resumes.get(`${style} ${ifParked ? 'ifParked' : 'always'}`)!({ fn: fnNum(fn), slot: num(slot) })),
    resumeAfterThrow: (fn) => hide(resumeAfterThrow({ fn: fnNum(fn) })),
    resumeAfterCall: (fn) => hide(resumeAfterCall({ fn: fnNum(fn) })),
    ensureRegistered: () => hide(ensureRegistered()),
    switchOn: (mayRunEarly, instrumented, original) =>
      t.ifStatement(t.unaryExpression('!', t.identifier(mayRunEarly ? early : on)), t.blockStatement(original), t.blockStatement(instrumented)),
    forward: (mayRunEarly, twin) => t.ifStatement(t.identifier(mayRunEarly ? early : on), t.returnStatement(twin)),
    whenOn: (statements) => t.ifStatement(t.identifier(on), t.blockStatement(statements)),
    preamble: (table, sources) => {
      const statements = hideEach(preamble({ table: t.valueToNode(table), sources }));
      t.addComment(statements[0]!, 'leading', ` ${INSTRUMENTED_MARKER} `);
      return statements;
    },
  };
}
