// The one way plan-parse loads a package the first time it is needed (Node ≥ 20.19 requires ES modules synchronously), so
// that a plain-text run never pays for the unified ecosystem at start-up.
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);
const cache = new Map<string, unknown>();

export function lazyModule<T>(name: string): T {
  if (!cache.has(name)) cache.set(name, load(name));
  return cache.get(name) as T;
}
