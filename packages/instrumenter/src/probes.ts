import { template } from './interop.js';
import * as t from '@babel/types';
import {
  GLOBAL_NAME,
  createProbeNames,
  epilogueCode,
  parkCode,
  probeCode,
  prologueCode,
  resumeAfterThrowCode,
  resumeCode,
  suspendCode,
  type FileTable,
  type ProbeNames,
  type SuspendStyle,
} from '@linecount/runtime';
import { INSTRUMENTED_MARKER } from './constants.js';

const TEMPLATE_OPTIONS = { preserveComments: false, syntacticPlaceholders: true } as const;

/** How an async activation treats a suspension. */
type AsyncStyle = Exclude<SuspendStyle, 'none'>;

/** Builders of the probe code of one file; the code itself comes from the runtime (`probe.ts`). */
export interface ProbeKit {
  readonly names: ProbeNames;
  /** `n = P.now(), T[l] += n - t, t = n, H[l = slot]++;` */
  probe(slot: number): t.Statement;
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
  /**
   * `var r, H, …; function i() { r = globalThis.__linecount__.register(table); H = r.hits; … } H || i();`
   * Registration sits in a hoisted function so that a function called before the module
   * body runs (an ES module import cycle) can register first (see `ensureRegistered`).
   */
  preamble(table: FileTable): t.Statement[];
  /** `H || i();`: the prologue of functions that may run before the preamble. */
  ensureRegistered(): t.Statement;
}

function num(value: number): t.NumericLiteral {
  return t.numericLiteral(value);
}

/** Creates the builders for identifiers starting with `prefix`. */
export function createProbeKit(prefix: string): ProbeKit {
  const k = createProbeNames(prefix);
  const probe = template.statement(`${probeCode(k, '%%slot%%')};`, TEMPLATE_OPTIONS);
  const prologues = new Map<SuspendStyle, ReturnType<typeof template.statements>>();
  const epilogues = new Map<SuspendStyle, ReturnType<typeof template.statements>>();
  const suspends = new Map<SuspendStyle, ReturnType<typeof template.expression>>();
  const parkAfters = new Map<SuspendStyle, ReturnType<typeof template.expression>>();
  const parks = new Map<SuspendStyle, ReturnType<typeof template.statement>>();
  const resumes = new Map<string, ReturnType<typeof template.statement>>();
  for (const style of ['none', 'charged', 'segmented'] as const) {
    prologues.set(style, template.statements(prologueCode(k, '%%fn%%', '%%slot%%', style), TEMPLATE_OPTIONS));
    epilogues.set(style, template.statements(epilogueCode(k, '%%fn%%', style), TEMPLATE_OPTIONS));
    if (style !== 'none') {
      suspends.set(
        style,
        template.expression(suspendCode(k, '%%fn%%', '%%slot%%', style, '%%suspension%%', '%%operand%%'), TEMPLATE_OPTIONS),
      );
      const park = parkCode(k, '%%fn%%', style);
      const resume = resumeCode(k, '%%fn%%', '%%slot%%', style);
      parkAfters.set(style, template.expression(`(${k.v} = %%operand%%, ${park}, ${k.v})`, TEMPLATE_OPTIONS));
      parks.set(style, template.statement(`${park};`, TEMPLATE_OPTIONS));
      resumes.set(`${style} always`, template.statement(`${resume};`, TEMPLATE_OPTIONS));
      resumes.set(`${style} ifParked`, template.statement(`if (${k.s}) { ${resume}; }`, TEMPLATE_OPTIONS));
    }
  }
  const resumeAfterThrow = template.statement(resumeAfterThrowCode(k, '%%fn%%'), TEMPLATE_OPTIONS);
  const r = `${prefix}r`;
  const init = `${prefix}i`;
  const preamble = template.statements(
    `var ${r}, ${k.H}, ${k.T}, ${k.D}, ${k.F}, ${k.C}, ${k.Q}, ${k.G}, ${k.P}; ` +
      `function ${init}() { ${r} = globalThis.${GLOBAL_NAME}.register(%%table%%); ${k.H} = ${r}.hits; ` +
      `${k.T} = ${r}.time; ${k.D} = ${r}.depth; ${k.F} = ${r}.total; ${k.C} = ${r}.counts; ` +
      `${k.Q} = ${r}.totalCounts; ${k.G} = ${r}.probes; ${k.P} = ${r}.clock; } ` +
      `${k.H} || ${init}();`,
    TEMPLATE_OPTIONS,
  );
  const ensureRegistered = template.statement(`${k.H} || ${init}();`, TEMPLATE_OPTIONS);
  return {
    names: k,
    probe: (slot) => probe({ slot: num(slot) }),
    prologue: (fn, slot, style) => prologues.get(style)!({ fn: num(fn), slot: num(slot) }),
    epilogue: (fn, style) => epilogues.get(style)!({ fn: num(fn) }),
    suspend: (fn, slot, style, suspension, operand) =>
      style === 'charged'
        ? suspends.get(style)!({ fn: num(fn), suspension, operand })
        : suspends.get(style)!({ fn: num(fn), slot: num(slot), suspension, operand }),
    parkAfter: (fn, style, operand) => parkAfters.get(style)!({ fn: num(fn), operand }),
    park: (fn, style) => parks.get(style)!({ fn: num(fn) }),
    resume: (fn, slot, style, ifParked) => {
      const build = resumes.get(`${style} ${ifParked ? 'ifParked' : 'always'}`)!;
      return style === 'charged' ? build({ fn: num(fn) }) : build({ fn: num(fn), slot: num(slot) });
    },
    resumeAfterThrow: (fn) => resumeAfterThrow({ fn: num(fn) }),
    ensureRegistered: () => ensureRegistered(),
    preamble: (table) => {
      const statements = preamble({ table: t.valueToNode(table) });
      t.addComment(statements[0]!, 'leading', ` ${INSTRUMENTED_MARKER} `);
      return statements;
    },
  };
}
