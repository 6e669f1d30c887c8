#!/usr/bin/env node
"use strict";
// Entry point of the `backup-lookup` command; the implementation is provider/cli/main.ts.
require("../dist/provider/cli/main.js")
  .main(process.argv.slice(2))
  .then((status) => {
    process.exitCode = status;
  });
