/** Error codes of the CLI. */
export type LinecountErrorCode =
  | 'LINECOUNT_USAGE'
  | 'LINECOUNT_SYNTAX'
  | 'LINECOUNT_NOT_FOUND'
  | 'LINECOUNT_BAD_RESULTS'
  | 'LINECOUNT_CONFIG'
  | 'LINECOUNT_NOTHING_IN_COMMON';

const EXIT_CODES: Record<LinecountErrorCode, number> = {
  LINECOUNT_USAGE: 2,
  LINECOUNT_NOT_FOUND: 2,
  LINECOUNT_BAD_RESULTS: 2,
  LINECOUNT_CONFIG: 2,
  LINECOUNT_NOTHING_IN_COMMON: 2,
  LINECOUNT_SYNTAX: 1,
};

/** A user error: `main()` prints `linecount: <message>` (and `detail`, e.g. a code frame) and exits with `exitCode`. */
export class LinecountError extends Error {
  readonly code: LinecountErrorCode;
  readonly exitCode: number;
  readonly detail: string | undefined;

  constructor(code: LinecountErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'LinecountError';
    this.code = code;
    this.exitCode = EXIT_CODES[code];
    this.detail = detail;
  }
}
