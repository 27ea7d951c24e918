export { main } from './command/main.js';
export { parseCommandLine, type Command, type ConfigFlags, type ReportFlags, type RunFlags } from './command/args.js';
export { findConfigFile, loadConfig, type Config, type ConfigSources, type LoadedConfig } from './session/config.js';
export { LinecountError, type LinecountErrorCode } from './session/errors.js';
export { resolveRunOptions, resolveViewOptions, type RunOptions, type ViewOptions } from './session/options.js';
export { formatTextReport, type TextReportOptions } from './report/text-report.js';
export type { Output } from './command/output.js';
