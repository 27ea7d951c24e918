/** Text of `linecount -h`. */
export const HELP = `linecount: line-by-line profiler for JavaScript and TypeScript

Usage:
  linecount [options] <script.{js,mjs,cjs,ts,mts,cts,tsx,jsx}> [script args…]
  linecount [options] -e "<code>" [args…]
  linecount view [-u UNIT] [-z] [-t] [--summarize] <file.lcprof>…
  linecount merge -o out.lcprof <file.lcprof>…

Mark functions with a // @profile comment. Results go to <script>.lcprof.

Options:
  -l, --line-by-line     line-by-line profiling (the only mode; kernprof compatibility)
  -v, --view             print the results after the run (-vv: also diagnostics)
  -q, --quiet            hide the "Wrote profile results" hint (-qq: also the script's stdout)
  -o, --outfile FILE     results file (default: <script file name>.lcprof in the cwd)
  -e, --eval CODE        profile inline code, like node -e
  -u, --unit SECONDS     display unit (default 1e-6)
  -z, --skip-zero        hide functions with no hits
  -t, --sort             order functions by total time, hottest last
      --summarize        add a per-function summary
      --no-await-time    do not charge time suspended at await to the await line
      --no-compensate    do not subtract the measured probe cost
  -V, --version          print the version
  -h, --help             print this help
`;
