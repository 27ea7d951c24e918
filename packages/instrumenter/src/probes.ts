import { template } from './interop.js';
import * as t from '@babel/types';
import {
  GLOBAL_NAME,
  createProbeNames,
  epilogueCode,
  probeCode,
  prologueCode,
  suspendCode,
  type FileTable,
  type ProbeNames,
  type SuspendStyle,
} from '@linecount/runtime';
import { INSTRUMENTED_MARKER } from './constants.js';

const TEMPLATE_OPTIONS = { preserveComments: false, syntacticPlaceholders: true } as const;

/** Builders of the probe code of one file; the code itself comes from the runtime (`probe.ts`). */
export interface ProbeKit {
  readonly names: ProbeNames;
  /** `n = P.now(), T[l] += n - t, t = n, H[l = slot]++;` */
  probe(slot: number): t.Statement;
  prologue(fn: number, slot: number, style: SuspendStyle): t.Statement[];
  epilogue(fn: number, style: SuspendStyle): t.Statement[];
  /** Wraps `suspension` (an await/yield of `names.v`) evaluated after `operand`. */
  suspend(fn: number, slot: number, style: Exclude<SuspendStyle, 'none'>, suspension: t.Expression, operand: t.Expression): t.Expression;
  /** `var r = globalThis.__linecount__.register(table), H = r.hits, …;` */
  preamble(table: FileTable): t.Statement;
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
  for (const style of ['none', 'charged', 'segmented'] as const) {
    prologues.set(style, template.statements(prologueCode(k, '%%fn%%', '%%slot%%', style), TEMPLATE_OPTIONS));
    epilogues.set(style, template.statements(epilogueCode(k, '%%fn%%', style), TEMPLATE_OPTIONS));
    if (style !== 'none') {
      suspends.set(
        style,
        template.expression(suspendCode(k, '%%fn%%', '%%slot%%', style, '%%suspension%%', '%%operand%%'), TEMPLATE_OPTIONS),
      );
    }
  }
  const preamble = template.statement(
    `var ${prefix}r = globalThis.${GLOBAL_NAME}.register(%%table%%), ${k.H} = ${prefix}r.hits, ` +
      `${k.T} = ${prefix}r.time, ${k.D} = ${prefix}r.depth, ${k.F} = ${prefix}r.total, ${k.P} = ${prefix}r.clock;`,
    TEMPLATE_OPTIONS,
  );
  return {
    names: k,
    probe: (slot) => probe({ slot: num(slot) }),
    prologue: (fn, slot, style) => prologues.get(style)!({ fn: num(fn), slot: num(slot) }),
    epilogue: (fn, style) => epilogues.get(style)!({ fn: num(fn) }),
    suspend: (fn, slot, style, suspension, operand) =>
      style === 'charged'
        ? suspends.get(style)!({ fn: num(fn), suspension, operand })
        : suspends.get(style)!({ fn: num(fn), slot: num(slot), suspension, operand }),
    preamble: (table) => {
      const statement = preamble({ table: t.valueToNode(table) });
      t.addComment(statement, 'leading', ` ${INSTRUMENTED_MARKER} `);
      return statement;
    },
  };
}
