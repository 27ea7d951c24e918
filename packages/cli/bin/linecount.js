#!/usr/bin/env node
// CommonJS (bin/package.json), loading the command as one bundled file: an ES module
// entry would start Node's ES module loader first (issue #12: start-up).
require('../lib/cli.cjs')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
