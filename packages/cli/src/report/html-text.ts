import { createLineTokenizer, type TokenKind } from './highlight.js';

/*
 * HTML text of the HTML reports (html-report.ts, the page script html-client.ts and
 * `linecount diff --html`): escaping and highlighted source lines. No Node module here.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** The stylesheet's token classes (html-assets.ts: `.src .k` …); plain text has none. */
const TOKEN_CLASSES: Record<TokenKind, string> = { keyword: 'k', string: 's', number: 'n', comment: 'c', plain: '' };

/** Escapes `&<>"` for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ESCAPES[char]!);
}

/**
 * A highlighter of consecutive source lines, called once per line in order, that
 * highlights as `--rich` does (highlight.ts).
 * @returns For each line it is given, its HTML.
 */
export function createLineHighlighter(): (line: string) => string {
  const tokenize = createLineTokenizer();
  return (line) =>
    tokenize(line)
      .map(({ kind, text }) => (TOKEN_CLASSES[kind] ? `<span class="${TOKEN_CLASSES[kind]}">${escapeHtml(text)}</span>` : escapeHtml(text)))
      .join('');
}

/**
 * Consecutive source lines as HTML (see {@link createLineHighlighter}).
 * @param lines Source lines without terminators.
 * @returns One HTML string per line.
 */
export function highlightHtml(lines: readonly string[]): string[] {
  const highlight = createLineHighlighter();
  return lines.map((line) => highlight(line));
}
