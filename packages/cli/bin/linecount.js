#!/usr/bin/env node
// CommonJS (bin/package.json), loading the command as one bundled file: an ES module
// entry would start Node's ES module loader first (issue #12: start-up).
// The command's own code is compiled with V8's code cache where Node has one (≥ 22.1,
// Node's default directory, as tsc does): ~4 ms of each run. It is this process's
// alone: Node does not pass it on to the processes the command starts.
require('node:module').enableCompileCache?.();
require('../lib/cli.cjs')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
