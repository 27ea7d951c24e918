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
