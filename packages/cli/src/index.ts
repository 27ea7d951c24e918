export { main } from './main.js';
export { parseCommandLine, type Command, type RunOptions, type ViewOptions } from './args.js';
export { LinecountError, type LinecountErrorCode } from './errors.js';
export { formatTextReport, type TextReportOptions } from './report/text-report.js';
export type { Output } from './output.js';
