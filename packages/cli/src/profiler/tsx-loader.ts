import Module, { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { register as registerTsxEsm } from 'tsx/esm/api';

type Register = typeof Module.register;

/** Options of `module.register` as tsx passes them. */
interface RegisterOptions {
  parentURL?: string | URL;
  data?: Record<string, unknown>;
  transferList?: unknown[];
}

/**
 * Registers tsx's ESM loader through tsx's API, from CommonJS (what a `--require`
 * preload can load synchronously on Node 20). Where tsx uses `module.registerHooks`
 * (recent Node) this is plain. Where it uses `module.register`, tsx 4's CommonJS build
 * has two problems that this works around while it runs:
 *  - it resolves its loader (`./esm/index.mjs`) against `tsx/dist/esm/api/` instead of
 *    `tsx/dist/`;
 *  - it transfers a MessagePort, which Node 20 mishandles when `module.register` is
 *    called from a `--require` preload (the hooks thread dies). tsx's hooks only use
 *    the port for `onImport` callbacks and unregistering, which we do not use.
 */
export function registerTsxEsmLoader(): void {
  const register: Register = Module.register;
  const tsxDist = new URL('../', pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')));
  const fixed = (specifier: string | URL, parent?: string | URL | RegisterOptions, options?: RegisterOptions): void => {
    const settings = typeof parent === 'object' && !(parent instanceof URL) ? parent : options;
    const data = { ...settings?.data };
    delete data.port;
    register(new URL(String(specifier), tsxDist), { data });
  };
  Module.register = fixed as Register;
  try {
    registerTsxEsm();
  } finally {
    Module.register = register;
  }
}
