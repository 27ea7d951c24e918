export { main } from './main.js';
export { parseCommandLine, type Command, type ConfigFlags, type ReportFlags, type RunFlags } from './args.js';
export { findConfigFile, loadConfig, type Config, type ConfigSources, type LoadedConfig } from './config.js';
export { LinecountError, type LinecountErrorCode } from './errors.js';
export { resolveRunOptions, resolveViewOptions, type RunOptions, type ViewOptions } from './options.js';
export { formatTextReport, type TextReportOptions } from './report/text-report.js';
export type { Output } from './output.js';
