#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json), not an ES module: a CommonJS entry starts a few milliseconds sooner.
// The command is one bundle (dist/plan-parse.cjs), compiled from a code cache when there is one.
const { loadCommand } = require('./load-command.cjs');

const { command, whenDone } = loadCommand();
// standard input is read only where a run asks for it: the getter leaves Node's stdin stream unmade (about
// 5 ms of every start) when the inputs are files
const io = {
  argv: process.argv.slice(2),
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
};
command.run(io).then((code) => {
  process.exitCode = code;
  // after SIGINT or SIGTERM the run has stopped and cleaned up; standard input may still be open
  if (code === 130 || code === 143) process.exit(code);
  whenDone();
});
