/**
 * A test262 realm: a fresh `node:vm` context with the host hooks test262 asks for
 * (`print`, `$262`), module loading for module tests and `import()`, and, for an
 * instrumented run, the linecount runtime and every script and module instrumented
 * before it is evaluated (the harness, `$262.evalScript` code and imported fixtures too).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { GLOBAL_NAME, SOURCE_TEXTS_GLOBAL, createRuntime, registerSourceTexts } from '../../packages/runtime/dist/index.js';

/** Turns a source into what runs: identity for the plain run, `instrument()` otherwise. */
export type Transform = (code: string, filename: string, isModule: boolean) => string;

/** A source that `transform` threw on: it ran untransformed, as the profiler runs such a file. */
export interface Refused {
  code: string;
  isModule: boolean;
  message: string;
}

/** What the realms of one run share. */
export interface Host {
  transform: Transform;
  /** Sources that `transform` threw on. */
  refused: Refused[];
  /** Install the linecount runtime in each realm. */
  runtime: boolean;
  /**
   * Install what the build plugins' runtime entry installs when profiling is off: the
   * global through which switchable code records its original texts.
   */
  texts: boolean;
  /** What `print` received, in order (async tests report through it). */
  printed: string[];
}

/** A realm of a run. */
export interface Realm {
  context: vm.Context;
  /** Compiles and runs a classic script; a compile error is rethrown as the realm's own SyntaxError. */
  evalScript(code: string, filename: string): unknown;
  /** Links and evaluates a module source, its imports loaded from disk. */
  evalModule(code: string, filename: string): Promise<void>;
}

type Linker = (specifier: string, referrer: vm.Module) => vm.Module;

function transformed(host: Host, code: string, filename: string, isModule: boolean): string {
  try {
    return host.transform(code, filename, isModule);
  } catch (error) {
    host.refused.push({ code, isModule, message: String((error as Error).message).split('\n')[0]! });
    return code;
  }
}

function realmError(context: vm.Context, error: unknown): unknown {
  if (!(error instanceof SyntaxError)) return error;
  const RealmSyntaxError = vm.runInContext('SyntaxError', context) as SyntaxErrorConstructor;
  return new RealmSyntaxError(error.message);
}

/** Creates a realm: a fresh context with `print`, `$262` and (when the host says so) the runtime. */
export function createRealm(host: Host): Realm {
  const context = vm.createContext({});
  const modules = new Map<string, vm.SourceTextModule>();
  let scripts = 0;
  const importDynamically = (specifier: string, referrer: { identifier?: string } | vm.Script | vm.Module): Promise<vm.Module> => {
    const from = 'identifier' in referrer && typeof referrer.identifier === 'string' ? referrer.identifier : '';
    return loadAndRun(resolve(specifier, from));
  };
  const resolve = (specifier: string, from: string): string => path.resolve(path.dirname(from), specifier);
  const load = (file: string): vm.SourceTextModule => {
    let module = modules.get(file);
    if (!module) {
      const code = transformed(host, readFileSync(file, 'utf8'), file, true);
      module = new vm.SourceTextModule(code, { context, identifier: file, importModuleDynamically: importDynamically as never });
      modules.set(file, module);
    }
    return module;
  };
  const linker: Linker = (specifier, referrer) => load(resolve(specifier, referrer.identifier));
  const loadAndRun = async (file: string): Promise<vm.Module> => {
    const module = load(file);
    if (module.status === 'unlinked') await module.link(linker);
    await module.evaluate();
    return module;
  };
  const realm: Realm = {
    context,
    evalScript(code, filename) {
            let script: vm.Script;
      try {
        script = new vm.Script(transformed(host, code, filename, false), { filename, importModuleDynamically: importDynamically as never });
      } catch (error) {
        throw realmError(context, error);
      }
      return script.runInContext(context);
    },
    async evalModule(code, filename) {
      const module = new vm.SourceTextModule(transformed(host, code, filename, true), { context, identifier: filename, importModuleDynamically: importDynamically as never });
      modules.set(filename, module);
      await module.link(linker);
      await module.evaluate();
    },
  };
  const $262 = {
    global: vm.runInContext('globalThis', context) as object,
    createRealm: () => (createRealm(host).context as { $262: unknown }).$262,
    evalScript: (code: string) => realm.evalScript(code, `evalScript-${++scripts}.js`),
    detachArrayBuffer: (buffer: ArrayBuffer) => void structuredClone(buffer, { transfer: [buffer] }),
    gc: () => {
      throw new Error('gc is not available');
    },
    agent: {},
  };
  Object.assign(context, { $262, print: (message: unknown) => void host.printed.push(String(message)) });
  // Where `--import linecount/register` puts it in Node's realm.
  if (host.runtime) Object.assign(context, { [GLOBAL_NAME]: createRuntime() });
  if (host.texts) Object.assign(context, { [SOURCE_TEXTS_GLOBAL]: registerSourceTexts });
  return realm;
}
