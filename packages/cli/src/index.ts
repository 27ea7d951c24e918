export { main } from './main.js';
export { parseCommandLine, type Command, type ConfigFlags, type ReportFlags, type RunFlags } from './args.js';
export { findConfigFile, loadConfig, type ConfigSources, type LoadedConfig } from './config.js';
export { LinecountError, type LinecountErrorCode } from './errors.js';
export { resolveOptions, type RunOptions, type ViewOptions } from './options.js';
export { createSettings, type Config, type SettingsSources } from './session/create-settings.js';
export type { Settings } from './session/settings.js';
export { formatTextReport, type TextReportOptions } from './report/text-report.js';
export type { Output } from './output.js';
