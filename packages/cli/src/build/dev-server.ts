/**
 * The Vite dev server's side of browser profiling (SPEC §8): pages post their results
 * to `DEV_RESULTS_ENDPOINT` when they are hidden; the server adds up the latest
 * results of every page, prints the report and writes the files of SPEC §7.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mergeResults, parseResults, ResultsFormatError, type ResultsFile } from '@linecount/runtime';
import { writeLineProfileOutput, type LineProfileOutput } from '../node/profiler/line-profile-output.js';
import { readOwnerSettings } from '../node/profiler/owner-config.js';
import { complain } from '../session/diagnostics.js';

/** A connect middleware, as Vite's `server.middlewares.use` takes it. */
export type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

/**
 * Creates the middleware that receives the pages' results, for `DEV_RESULTS_ENDPOINT`.
 * Each post carries a page's cumulative results under the page's id: it replaces that
 * page's previous post, and the pages of the session (reloads, several tabs) add up.
 * After each post it prints the whole report and the `Wrote profile results` lines to
 * stdout and writes `profile_output.txt`, `profile_output_<stamp>.txt` and
 * `profile_output.lcprof` (or the configured `outputPrefix`) in `cwd`.
 * @param [cwd=process.cwd()] Where the files go and the configuration is looked for.
 */
export function createResultsMiddleware(cwd: string = process.cwd()): Middleware {
  const output: LineProfileOutput = { settings: readOwnerSettings(cwd), cwd, printReport: true };
  const pages = new Map<string, ResultsFile>();
  return (request, response, next) => {
    if (request.method !== 'POST') return next();
    const page = new URL(request.url ?? '/', 'http://localhost').searchParams.get('page') ?? '';
    readBody(request)
      .then((body) => {
        pages.set(page, parseResults(body));
        writeLineProfileOutput(mergeResults([...pages.values()]), output);
        response.statusCode = 204;
        response.end();
      })
      .catch((error: unknown) => {
        const what = error instanceof ResultsFormatError ? 'a page posted something that is not a results file' : 'cannot write the results';
        complain(`${what}: ${(error as Error).message}`);
        response.statusCode = error instanceof ResultsFormatError ? 400 : 500;
        response.end();
      });
  };
}
