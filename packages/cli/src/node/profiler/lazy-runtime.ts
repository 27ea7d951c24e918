import { GLOBAL_NAME, installRuntime, type Runtime } from '@linecount/runtime';

/**
 * Installs the runtime on `globalThis` when something first reads it there (the first
 * instrumented file registering itself), not when a thread joins a session: creating it
 * reads `performance`, which loads `node:perf_hooks` (~2 ms), and most processes of a
 * session (`npm`, build tools, test runners' helpers) never instrument anything (issue #12).
 * @param onInstall Called once, when the runtime is installed.
 * @returns The runtime once installed, undefined before.
 */
export function installRuntimeOnFirstUse(onInstall: () => void): () => Runtime | undefined {
  const holder = globalThis as unknown as Record<string, Runtime | undefined>;
  let runtime: Runtime | undefined;
  const install = (): Runtime => {
    runtime = installRuntime();
    onInstall();
    return runtime;
  };
  if (Object.hasOwn(holder, GLOBAL_NAME)) {
    install();
    return () => runtime;
  }
  const replace = (value?: Runtime): Runtime => {
    delete holder[GLOBAL_NAME];
    if (value !== undefined) holder[GLOBAL_NAME] = value;
    return install();
  };
  Object.defineProperty(globalThis, GLOBAL_NAME, { configurable: true, enumerable: true, get: () => replace(), set: replace });
  return () => runtime;
}

/** The runtime if one is installed on `globalThis`, without installing it (see {@link installRuntimeOnFirstUse}). */
export function installedRuntime(): Runtime | undefined {
  return Object.getOwnPropertyDescriptor(globalThis, GLOBAL_NAME)?.value as Runtime | undefined;
}
