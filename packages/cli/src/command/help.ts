/** Text of `linecount -h`. */
export const HELP = `linecount: line-by-line profiler for JavaScript and TypeScript

Usage:
  linecount [options] <script.{js,mjs,cjs,ts,mts,cts,tsx,jsx}> [script args…]
  linecount [options] -e "<code>" [args…]
  linecount [options] -- <command…>       profile every Node process the command starts
  linecount view [-u UNIT] [-z] [-t] [-r] [--summarize] [--html FILE | --json | --pprof FILE]
                 <file.lcprof>…
  linecount merge [-o out.lcprof] [--pprof out.pb.gz] <file.lcprof>…
  linecount diff [-u UNIT] [-z] [-t] [--summarize] [--top N] [--html FILE | --json]
                 <before.lcprof> <after.lcprof>   (several a side: <before…> -- <after…>)
  LINE_PROFILE=1 node --import @linecount/profiler/register app.js

Mark functions with a // @profile comment. Results go to <script>.lcprof
(linecount.lcprof for a -- command).

Options:
  -l, --line-by-line     line-by-line profiling (the only mode; kernprof compatibility)
  -v, --view             print the results after the run (-vv: also diagnostics)
  -q, --quiet            hide the "Wrote profile results" hint (-qq: also the script's stdout)
  -o, --outfile FILE     results file (default: <script file name>.lcprof in the cwd)
  -e, --eval CODE        profile inline code, like node -e
  -p, --prof-mod TARGET  profile every function of a file, directory, glob or package
                         (repeatable, comma-separated); on the script: its top-level code too
      --prof-imports     with the script in -p: also profile the modules it imports directly
  -s, --setup FILE       run FILE (JS or TS) first, in the script's process, unprofiled
  -i, --output-interval [SECONDS]
                         also rewrite the results file every SECONDS (default 1) while running
  -u, --unit SECONDS     display unit (default 1e-6)
  -z, --skip-zero        hide functions with no hits
  -t, --sort             order functions by total time, hottest last
      --summarize        add a per-function summary
      --top N            show only the N functions with the most time
  -r, --rich             colour the report (on a terminal or with FORCE_COLOR; never with NO_COLOR)
      --html FILE        also write a self-contained HTML report (view: instead of the table)
      --json             view: print the merged results as JSON
      --pprof FILE       view, merge: write the results as a gzipped pprof profile
                         (go tool pprof, Pyroscope, Cloud Profiler)
      --no-await-time    do not charge time suspended at await to the await line
      --no-compensate    do not subtract the measured probe cost
      --sample [K]       exact hits, line times sampled 1 in K executions (default 128)
                         after the first 32 hits of each line: a few ns per line
      --recursion VIEW   once (default): time in a nested activation of the same function
                         counts on its own lines only; inclusive: also on the calling line
                         (kernprof's view, recursive lines can exceed 100 %)
      --runtime NAME     run the script with node (default), bun or deno (JavaScript only)
      --no-cache         do not cache instrumented files (cache: LINECOUNT_CACHE_DIR,
                         else node_modules/.cache/linecount)
      --config FILE      read the configuration from FILE (also: LINECOUNT_CONFIG)
      --no-config        read no configuration file
  -V, --version          print the version
  -h, --help             print this help

Configuration: the "linecount" key of the nearest package.json, or linecount.config.json,
from the cwd up; keys mirror the long flags (unit, skipZero, sort, summarize, outputInterval,
outputPrefix, profMod, …), and apply to LINE_PROFILE mode too.
`;
