#!/usr/bin/env node
import { createRequire } from 'node:module';

// the command is one bundle (dist/plan-parse.cjs), compiled from a code cache when there is one
const { loadCommand } = createRequire(import.meta.url)('./load-command.cjs');
const { command, whenDone } = loadCommand();
const code = await command.run({ argv: process.argv.slice(2), stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
// after SIGINT or SIGTERM the run has stopped and cleaned up; standard input may still be open
if (code === 130 || code === 143) process.exit(code);
whenDone();
