/** Files shared by the parts of `pnpm bench:accuracy`. */
import { fileURLToPath } from 'node:url';

/** URL of the ground-truth workloads, as V8's profiles name it. */
export const WORKLOADS_URL = new URL('./workloads.mjs', import.meta.url).href;

/** Path of the ground-truth workloads. */
export const WORKLOADS_FILE = fileURLToPath(WORKLOADS_URL);
