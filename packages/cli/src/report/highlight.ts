/**
 * A small, dependency-free JS/TS tokenizer for `--rich` listings: keywords, strings,
 * template literals, numbers, comments and the rest. It only colours; a token it
 * misreads (a regex literal, say) is shown in the wrong colour, never changed.
 */

/** Kinds of highlighted tokens; `plain` is everything else. */
export type TokenKind = 'keyword' | 'string' | 'number' | 'comment' | 'plain';

/** One piece of a line. The pieces of a line concatenate to the line exactly. */
export interface Token {
  kind: TokenKind;
  text: string;
}

const KEYWORDS = new Set(
  (
    'abstract as async await break case catch class const continue debugger declare default delete do else enum ' +
    'export extends false finally for from function get if implements import in instanceof interface let new null ' +
    'of private protected public readonly return satisfies set static super switch this throw true try type typeof ' +
    'undefined var void while with yield'
  ).split(' '),
);

/** What an unfinished token of the previous line continues as. */
type Carry = 'none' | 'block-comment' | 'template';

const WORD = /[A-Za-z_$][\w$]*/y;
const NUMBER = /(?:0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)n?/y;

/** Index just past the closing `quote` of a string starting before `from`, or -1 when the line ends first. */
function findClose(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === quote) return i + 1;
  }
  return -1;
}

/** Tokenizes one line, continuing `carry` from the line before; returns the tokens and the new carry. */
function tokenizeLine(line: string, carry: Carry): [Token[], Carry] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, text: string): void => {
    const last = tokens.at(-1);
    if (last && last.kind === kind) last.text += text;
    else if (text !== '') tokens.push({ kind, text });
  };
  let i = 0;
  if (carry !== 'none') {
    const end = carry === 'block-comment' ? line.indexOf('*/') : findClose(line, 0, '`');
    if (end < 0) return [[{ kind: carry === 'block-comment' ? 'comment' : 'string', text: line }], carry];
    i = carry === 'block-comment' ? end + 2 : end;
    push(carry === 'block-comment' ? 'comment' : 'string', line.slice(0, i));
  }
  while (i < line.length) {
    const ch = line[i]!;
    const rest = line.slice(i);
    // Two comparisons, not `startsWith('//')`: the HTML report's page script bundles this
    // module, and its text must hold no `//` (html-report.ts: the page references nothing).
    const next = line[i + 1];
    if (ch === '/' && next === '/') return [(push('comment', rest), tokens), 'none'];
    if (ch === '/' && next === '*') {
      const end = line.indexOf('*/', i + 2);
      if (end < 0) return [(push('comment', rest), tokens), 'block-comment'];
      push('comment', line.slice(i, end + 2));
      i = end + 2;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      const end = findClose(line, i + 1, ch);
      if (end < 0) return [(push('string', rest), tokens), ch === '`' ? 'template' : 'none'];
      push('string', line.slice(i, end));
      i = end;
    } else if (/[A-Za-z_$]/.test(ch)) {
      WORD.lastIndex = i;
      const word = WORD.exec(line)![0];
      push(KEYWORDS.has(word) ? 'keyword' : 'plain', word);
      i += word.length;
    } else if (/\d/.test(ch) || (ch === '.' && /\d/.test(line[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      const number = NUMBER.exec(line)?.[0] || ch;
      push('number', number);
      i += number.length;
    } else {
      push('plain', ch);
      i++;
    }
  }
  return [tokens, 'none'];
}

/**
 * A tokenizer of consecutive source lines, called once per line in order: comments and
 * template literals may span lines.
 * @returns For each line it is given, tokens that concatenate to it exactly.
 */
export function createLineTokenizer(): (line: string) => Token[] {
  let carry: Carry = 'none';
  return (line) => {
    const [tokens, next] = tokenizeLine(line, carry);
    carry = next;
    return tokens;
  };
}

/**
 * Tokenizes consecutive source lines (see {@link createLineTokenizer}).
 * @param lines Source lines without terminators.
 * @returns For each line, tokens that concatenate to it exactly.
 */
export function tokenizeLines(lines: readonly string[]): Token[][] {
  const tokenize = createLineTokenizer();
  return lines.map((line) => tokenize(line));
}
