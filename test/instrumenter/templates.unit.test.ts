/**
 * The probe code's precompiled templates (issue #4, cold instrumentation throughput)
 * build the same trees as `@babel/template` from the source text of probe.ts, the text
 * that calibration measures: same printed code, equivalent nodes, no node shared
 * between two uses.
 */
import { types as t } from '@babel/core';
import { describe, expect, it } from 'vitest';
import { generate, template } from '../../packages/instrumenter/src/interop.js';
import { TEMPLATE_OPTIONS, precompileTemplate, type Replacements } from '../../packages/instrumenter/src/templates.js';
import {
  createProbeNames,
  epilogueCode,
  parkCode,
  probeCode,
  prologueCode,
  resumeAfterThrowCode,
  resumeCode,
  suspendCode,
} from '../../packages/runtime/src/probe.js';

const k = createProbeNames('__lc_');
const STYLES = ['none', 'charged', 'segmented'] as const;
const ASYNC_STYLES = ['charged', 'segmented'] as const;

type Shape = 'statement' | 'statements' | 'expression';

const CASES: [string, Shape, string][] = [
  ['probe', 'statement', `${probeCode(k, '%%fn%%', '%%slot%%')};`],
  ['resumeAfterThrow', 'statement', resumeAfterThrowCode(k, '%%fn%%')],
  ...STYLES.flatMap((style): [string, Shape, string][] => [
    [`prologue ${style}`, 'statements', prologueCode(k, '%%fn%%', '%%slot%%', style)],
    [`epilogue ${style}`, 'statements', epilogueCode(k, '%%fn%%', style)],
  ]),
  ...ASYNC_STYLES.flatMap((style): [string, Shape, string][] => [
    [`suspend ${style}`, 'expression', suspendCode(k, '%%fn%%', '%%slot%%', style, '%%suspension%%', '%%operand%%')],
    [`park ${style}`, 'statement', `${parkCode(k, '%%fn%%', style)};`],
    [`resume ${style}`, 'statement', `if (${k.s}) { ${resumeCode(k, '%%fn%%', '%%slot%%', style)}; }`],
  ]),
];

/** Fresh replacements for every placeholder of `code`. */
function replacementsFor(code: string): Replacements {
  const all: Record<string, t.Node> = {
    fn: t.numericLiteral(3),
    slot: t.numericLiteral(17),
    suspension: t.awaitExpression(t.identifier(k.v)),
    operand: t.callExpression(t.identifier('load'), [t.stringLiteral('x')]),
  };
  return Object.fromEntries(Object.entries(all).filter(([name]) => code.includes(`%%${name}%%`)));
}

function print(nodes: t.Node | t.Node[]): string {
  return generate(t.program((Array.isArray(nodes) ? nodes : [nodes]).map((n) => (t.isStatement(n) ? n : t.expressionStatement(n as t.Expression)))))
    .code;
}

function nodesOf(value: unknown, found: object[] = []): object[] {
  if (Array.isArray(value)) for (const item of value) nodesOf(item, found);
  else if (value !== null && typeof value === 'object') {
    found.push(value);
    for (const child of Object.values(value)) nodesOf(child, found);
  }
  return found;
}

describe('precompiled probe templates', () => {
  it.each(CASES)('%s: the same tree as @babel/template', (_name, shape, code) => {
    const babel = (template[shape](code, TEMPLATE_OPTIONS) as (r: Replacements) => t.Node | t.Node[])(replacementsFor(code));
    const ours = precompileTemplate(shape, code)(replacementsFor(code));
    expect(print(ours)).toBe(print(babel));
    const pairs = Array.isArray(babel) ? babel.map((node, i) => [node, (ours as t.Node[])[i]!]) : [[babel, ours as t.Node]];
    for (const [a, b] of pairs) expect(t.isNodesEquivalent(a!, b!)).toBe(true);
  });

  it.each(CASES)('%s: every use is a tree of its own', (_name, shape, code) => {
    const build = precompileTemplate(shape, code);
    const first = nodesOf(build(replacementsFor(code)));
    const second = new Set(nodesOf(build(replacementsFor(code))));
    expect(new Set(first).size).toBe(first.length);
    expect(first.filter((node) => second.has(node))).toEqual([]);
  });
});
