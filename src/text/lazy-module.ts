// The one way plan-parse loads a package the first time it is needed, so that a plain-text run never
// pays for the unified ecosystem at start-up. Here (the library, an ES module) a package is required
// synchronously (Node ≥ 20.19 requires ES modules). The command's bundle replaces this file with one
// whose packages are bundled, each behind a require of its own (scripts/bundle-command.mjs): a
// worker thread terminated while Node requires an ES module aborts the whole process (Node 20.20,
// `CreateRequiredModuleFacade`), and the command terminates its workers when a run stops early.
import { createRequire } from 'node:module';

/** Every package loaded this way: the command's bundle carries exactly these. */
export const LAZY_PACKAGES = ['yaml', 'unified', 'remark-parse', 'remark-stringify', 'parse5', 'hast-util-from-parse5', 'vfile'] as const;
export type LazyPackage = (typeof LAZY_PACKAGES)[number];

const load = createRequire(import.meta.url);
const cache = new Map<LazyPackage, unknown>();

export function lazyModule<T>(name: LazyPackage): T {
  if (!cache.has(name)) cache.set(name, load(name));
  return cache.get(name) as T;
}
