/**
 * `linecount -s FILE` (SPEC §4): the CLI preloads this file with `--import` into the
 * script's process, where it runs after `@linecount/profiler/register` (a `--require` preload:
 * the load hooks are in place) and before the script. It imports the setup file (ESM or
 * CommonJS, TypeScript through tsx; Node awaits its top-level `await`), which the load
 * hooks leave uninstrumented (`Session.setup`).
 *
 * It takes itself out of `process.execArgv` first: the script sees the execArgv it would
 * have without `-s`, and the processes it `fork()`s (which inherit execArgv) do not run
 * the setup again. Worker threads inherit the preload but are not the script's process.
 */
import { pathToFileURL } from 'node:url';
import { isMainThread } from './profiler/thread.js';
import { bundleUrl } from '../bundle-paths.js';
import { readSession } from '../session/session.js';

const self = process.execArgv.indexOf(bundleUrl('setupPreload'));
if (self > 0) process.execArgv.splice(self - 1, 2);
const setup = isMainThread ? readSession()?.setup : undefined;
if (setup !== undefined) await import(pathToFileURL(setup).href);
