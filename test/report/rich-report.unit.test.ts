import { stripVTControlCharacters } from 'node:util';
import type { ResultsFile } from '../../packages/runtime/src/index.js';
import { describe, expect, it } from 'vitest';
import { tokenizeLines } from '../../packages/cli/src/report/highlight.js';
import { createRichStyle } from '../../packages/cli/src/report/rich-report.js';
import { formatTextReport } from '../../packages/cli/src/report/text-report.js';

const SOURCE = `// @profile
function sum(n: number): number {
  let total = 0; /* running
  total */ const s = \`a \${n}
  b\`;
  for (let i = 0; i < n; i++) total += i * 0x1f + 1.5e3;
  return total + s.length + "x".length;
}
`;

const RESULTS: ResultsFile = {
  format: 'linecount',
  version: 1,
  unit: 1e-9,
  probeCostNs: 50,
  compensated: true,
  recursion: 'once',
  meta: { argv: ['linecount', 'sum.ts'], cwd: '/nowhere', node: 'v20.0.0', startedAt: '2026-01-01T00:00:00.000Z', pid: 1 },
  functions: [
    { file: 'sum.ts', name: 'sum', line: 1, endLine: 8, totalTime: 1_000_000, lines: [[3, 1, 10_000], [6, 101, 900_000], [7, 1, 90_000]] },
    { file: 'gone.ts', name: 'gone', line: 1, endLine: 2, totalTime: 0, lines: [] },
  ],
};

const readSource = (file: string): string | undefined => (file === 'sum.ts' ? SOURCE : undefined);

describe('--rich report', () => {
  it('without its escape codes is the plain report, byte for byte', () => {
    const plain = formatTextReport(RESULTS, { readSource, summarize: true });
    const rich = formatTextReport(RESULTS, { readSource, summarize: true, style: createRichStyle() });
    expect(rich).not.toBe(plain);
    expect(stripVTControlCharacters(rich)).toBe(plain);
  });

  it('colours the hot line red and bold, and highlights the source', () => {
    const rich = formatTextReport(RESULTS, { readSource, style: createRichStyle() });
    const hot = rich.split('\n').find((line) => stripVTControlCharacters(line).includes('for (let i'))!;
    expect(hot).toContain('\x1b[31m    90.0\x1b[39m');
    expect(hot).toContain('\x1b[35mfor\x1b[39m');
    expect(rich).toContain('\x1b[34mFunction: sum at line 1\x1b[39m');
  });

  it('the tokenizer keeps every character and follows comments and templates across lines', () => {
    const lines = SOURCE.split('\n');
    const tokens = tokenizeLines(lines);
    expect(tokens.map((line) => line.map((token) => token.text).join(''))).toEqual(lines);
    expect(tokens[0]).toEqual([{ kind: 'comment', text: '// @profile' }]);
    expect(tokens[3]![0]).toEqual({ kind: 'comment', text: '  total */' });
    expect(tokens[4]![0]).toEqual({ kind: 'string', text: '  b`' });
    const kinds = Object.fromEntries(tokens[5]!.filter((t) => t.kind !== 'plain').map((t) => [t.text, t.kind]));
    expect(kinds).toMatchObject({ for: 'keyword', let: 'keyword', '0x1f': 'number', '1.5e3': 'number' });
    expect(tokens[6]!.find((t) => t.kind === 'string')?.text).toBe('"x"');
  });
});
