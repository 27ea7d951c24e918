export { main } from './command/main.js';
export { parseCommandLine, type Command, type ConfigFlags, type ReportFlags, type RunFlags } from './command/args.js';
export { findConfigFile, loadConfig, type ConfigSources, type LoadedConfig } from './session/config.js';
export { LinecountError, type LinecountErrorCode } from './session/errors.js';
export { resolveOptions, type RunOptions, type ViewOptions } from './session/options.js';
export { createSettings, type Config, type SettingsSources } from './session/create-settings.js';
export type { Settings } from './session/settings.js';
export { formatTextReport, type TextReportOptions } from './report/text-report.js';
export type { Output } from './command/output.js';
