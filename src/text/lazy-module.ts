// The one way plan-parse loads a package the first time it is needed, so that a plain-text run never
// pays for the unified ecosystem at start-up. The build bundles each such package on its own as a
// CommonJS file, dist/packages/<name>.cjs (scripts/bundle-command.mjs), and that file is what is
// loaded, in the library and in the command alike; only where there is none (the sources run as they
// are, in the tests) is the package required by name, which for an ES module means Node requiring it
// (Node ≥ 20.19). Two reasons for the bundles: a worker thread terminated while Node requires an ES
// module aborts the whole process (Node 20.20, `CreateRequiredModuleFacade`), and a pool of workers
// terminates them (the command's does when a run stops early or a job is over its budget); and one
// file loads faster than a package's dozens of modules.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Every package loaded this way: the build bundles exactly these. */
export const LAZY_PACKAGES = ['yaml', 'unified', 'remark-parse', 'remark-stringify', 'parse5', 'hast-util-from-parse5', 'vfile'] as const;
export type LazyPackage = (typeof LAZY_PACKAGES)[number];

const load = createRequire(import.meta.url);
const cache = new Map<LazyPackage, unknown>();

/** The package's bundle beside this module's build (dist/text/ → dist/packages/), or its name. */
function whereIs(name: LazyPackage): string {
  const bundled = fileURLToPath(new URL(`../packages/${name}.cjs`, import.meta.url));
  return existsSync(bundled) ? bundled : name;
}

export function lazyModule<T>(name: LazyPackage): T {
  if (!cache.has(name)) cache.set(name, load(whereIs(name)));
  return cache.get(name) as T;
}
