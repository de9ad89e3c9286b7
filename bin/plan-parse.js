#!/usr/bin/env node
import { run } from '../dist/cli/main.js';

const code = await run({ argv: process.argv.slice(2), stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
// after SIGINT or SIGTERM the run has stopped and cleaned up; standard input may still be open
if (code === 130 || code === 143) process.exit(code);
