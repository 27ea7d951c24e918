/** Error codes of the instrumenter. */
export type InstrumentErrorCode = 'LINECOUNT_SYNTAX_ERROR';

/** Thrown when a file cannot be instrumented; `line`/`column` locate a syntax error (1-based). */
export class InstrumentError extends Error {
  readonly code: InstrumentErrorCode;
  readonly filename: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(
    code: InstrumentErrorCode,
    message: string,
    filename: string,
    loc?: { line: number; column: number },
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'InstrumentError';
    this.code = code;
    this.filename = filename;
    this.line = loc?.line;
    this.column = loc === undefined ? undefined : loc.column + 1;
  }
}

/**
 * Where and why a file could not be instrumented, for the one-line warning of SPEC §9:
 * `file:line:column: message` for a syntax error, `file: cannot instrument it (…)` for any
 * other failure (Babel's printer overflows the stack on an expression of thousands of
 * terms), after which the file runs as it is.
 * @param filename The file that failed.
 * @param error What `instrument()` threw.
 */
export function describeInstrumentFailure(filename: string, error: unknown): string {
  if (!(error instanceof InstrumentError)) return `${filename}: cannot instrument it (${String(error)})`;
  return error.line === undefined ? `${filename}: ${error.message}` : `${filename}:${error.line}:${error.column}: ${error.message}`;
}
