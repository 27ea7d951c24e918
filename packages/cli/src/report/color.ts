/** What decides whether `--rich` output is coloured (SPEC §5). */
export interface ColorContext {
  /** Whether the report goes to a terminal (`isatty(1)`). */
  isTTY: boolean;
  /** The environment; `NO_COLOR` and `FORCE_COLOR` are read. */
  env: NodeJS.ProcessEnv;
}

/**
 * Whether to colour the report: never with `NO_COLOR` set to anything non-empty
 * (no-color.org), always with `FORCE_COLOR` set (except `0` or `false`, as chalk and
 * picocolors read it), else only on a terminal. Files are never coloured: callers
 * writing a file do not ask.
 * @param context Terminal and environment of the process.
 * @returns true to colour.
 */
export function shouldUseColor(context: ColorContext): boolean {
  const { NO_COLOR: noColor, FORCE_COLOR: forceColor } = context.env;
  if (noColor !== undefined && noColor !== '') return false;
  if (forceColor !== undefined) return forceColor !== '0' && forceColor !== 'false';
  return context.isTTY;
}
