// The commands the tests run write their code cache (bin/load-command.cjs) under the system's
// temporary folder, not in the user's ~/.cache: a test run leaves nothing in the home folder.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.XDG_CACHE_HOME = join(tmpdir(), 'plan-parse-test-cache');
