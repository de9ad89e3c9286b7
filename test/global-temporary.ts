// Every test run gets a temporary folder of its own, and it goes at the end: the folders the tests
// make (os.tmpdir() reads TMPDIR) and those of the commands they run are inside it, so a run leaves
// nothing under the system's temporary folder, whichever test forgot to clean up after itself.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'plan-parse-tests-'));
  // open as the system's own is (sticky, anyone may make folders in it): some tests run a command as another user
  chmodSync(root, 0o1777);
  process.env.TMPDIR = root;
  return () => {
    try {
      rmSync(root, { recursive: true, force: true });
    } catch {
      // a folder still in use (a test's tmpfs left mounted) is left behind, not a failed run
    }
  };
}
