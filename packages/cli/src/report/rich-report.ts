import { createColors } from 'picocolors';
import { tokenizeLines, type TokenKind } from './highlight.js';
import type { ReportStyle } from './kernprof-text.js';
import { HOT_SHARE, WARM_SHARE } from '../session/constants.js';

// Always colours: whether to colour at all is decided once, by shouldUseColor().
const pc = createColors(true);

const TOKEN_COLORS: Record<TokenKind, (text: string) => string> = {
  keyword: pc.magenta,
  string: pc.green,
  number: pc.cyan,
  comment: pc.dim,
  plain: (text) => text,
};

/** Colours a cell by its line's share of the function's time: red when hot, yellow when warm. */
function heat(cell: string, share: number): string {
  if (share >= HOT_SHARE) return pc.bold(pc.red(cell));
  if (share >= WARM_SHARE) return pc.yellow(cell);
  return cell;
}

/**
 * The `--rich` terminal style (SPEC §5): function headings emphasised, the column
 * header bold, source syntax-highlighted, the `% Time` cell and line number of the
 * hottest lines coloured by their share. Pass it as `style` to formatTextReport; the
 * text without escape codes is the plain report, byte for byte.
 * @returns A style that always emits ANSI colours.
 */
export function createRichStyle(): ReportStyle {
  return {
    heading: (line) => (line.startsWith('Function: ') ? pc.bold(pc.blue(line)) : pc.bold(line)),
    header: (line) => pc.bold(line),
    cell: (cell, _column, share) => heat(cell, share),
    contents: (lines) =>
      tokenizeLines(lines).map((tokens) => tokens.map((token) => TOKEN_COLORS[token.kind](token.text)).join('')),
  };
}
