/**
 * Issue 13, cause 1, with the top-level code profiled (`topLevel`, `-p` on the script):
 * the probes go between the original statements and around them, so the top-level
 * code reaches Node as written, and `Function.prototype.toString()` of every function
 * and class answers its original text, comments between its tokens included (test262's
 * `Function/prototype/toString` tests).
 */
import { describe, expect, it } from 'vitest';
import { instrument } from '../../packages/instrumenter/src/index.js';
import { runBothWays, src } from '../helpers/run-instrumented.js';

const switchable = process.env.LINECOUNT_TEST_SWITCHABLE === '1';

/** Top-level code written as no printer would write it, one statement a line, none of them changed by a probe. */
const WRITTEN = [
  'var   weird = { \'q\' : [1,2 ,3], f: function(){ return \'x\' } } // no semicolon',
  'const arrow = (a /* a */) => /* b */ a+1',
  'class /* a */ A /* b */ { /* c */ }',
  'class /* a */ B /* b */ extends /* c */ A /* d */ { /* e */ constructor /* f */ (/* g */) /* h */ { /* i */ super(); /* j */ } /* k */ m /* l */ (/* m */) /* n */ { /* o */ } /* p */ }',
  'function  plain(a,b){return a+b}',
  "let   t = `a${1}b` ;  /* after */",
];

describe('top-level code profiled', () => {
  it('is kept byte for byte, each statement on its line and column', () => {
    const source = `${WRITTEN.join('\n')}\nmodule.exports = [weird, arrow(1), new B(), plain(1, 2), t];\n`;
    const { code } = instrument(source, { filename: '/virtual/top.js', topLevel: true, switchable });
    const lines = code.split('\n');
    // After the probe (and the preamble on line 1) that go before it.
    WRITTEN.forEach((text, line) => expect(lines[line]!.endsWith(text)).toBe(true));
  });

  it('answers the original text of every function and class, comments between its tokens included', async () => {
    const run = await runBothWays(
      `${WRITTEN.join('\n')}\nmodule.exports = [arrow, A, B, B.prototype.m, weird.f, plain].map(String);\n`,
      { topLevel: true, all: true },
    );
    expect(run.instrumented).toEqual(run.original);
    expect(run.original).toEqual({ threw: false, value: [WRITTEN[1]!.slice(14), WRITTEN[2], WRITTEN[3], 'm /* l */ (/* m */) /* n */ { /* o */ }', "function(){ return 'x' }", WRITTEN[4]] });
  });

  it('keeps the text of functions and classes in branches and loops that get probes', async () => {
    const run = await runBothWays(
      src`
        const texts = [];
        for (let i = 0; i < 3; i++) {
          if (i === 1) continue;
          texts.push(class /* c */ K { m(a,b) { return a+b } });
        }
        if (texts.length > 1)
          texts.push((x /* x */) => x);
        else texts.push(function  other() {});
        label: while (texts.length < 5) { texts.push(function  (y){ return y }); if (texts.length) continue label; }
        module.exports = texts.map(String);
      `,
      { topLevel: true, all: true },
    );
    expect(run.instrumented).toEqual(run.original);
    expect(run.original).toEqual({
      threw: false,
      value: ['class /* c */ K { m(a,b) { return a+b } }', 'class /* c */ K { m(a,b) { return a+b } }', '(x /* x */) => x', 'function  (y){ return y }', 'function  (y){ return y }'],
    });
    expect(run.hits['<module>']).toEqual({ 1: 1, 2: 4, 3: 3, 4: 2, 6: 1, 7: 1, 9: 3, 10: 1 });
  });

  it('keeps the computed keys made from function texts (test262 computed-property-name-from-*)', async () => {
    const run = await runBothWays(
      src`
        var C = class { [(a,b) => {}]() { return 1; } static [function  (/* c */) {}]() { return 2; } };
        module.exports = [typeof new C()[String((a,b) => {})], typeof C[String(function  (/* c */) {})]];
      `,
      { topLevel: true, all: true },
    );
    expect(run.instrumented).toEqual(run.original);
    expect(run.original).toEqual({ threw: false, value: ['function', 'function'] });
  });

  it('declares each switchable twin once (a module cannot declare a function twice)', () => {
    const { code } = instrument('function f(a) { return a + 1 }\nif (globalThis.x) { f(1) }\nexport { f };\n', { filename: '/virtual/top.mjs', topLevel: true, all: true, switchable: true });
    const twins = [...code.matchAll(/function (__lc\w+)\(/g)].map((match) => match[1]).filter((name) => name!.includes('twin'));
    expect(twins.length).toBeGreaterThan(0);
    expect(new Set(twins).size).toBe(twins.length);
  });
});
