// What the writers in pieces (json.ts, yaml.ts, table.ts) share: how large a piece is, how many values a
// container holds, what JSON (and the yaml package) writes in a value's place, and the container
// being written.

/** Characters a piece holds, about (a piece ends after the value that fills it). */
export const PIECE_CHARS = 1 << 16;

/** Values a container may hold, at all depths, and still be written by one call of the serializer. */
export const FEW_VALUES = 512;

/** A container still being written: its elements (or entries) and the next one to write. */
export interface ContainerFrame {
  /** An array's elements, or an object's values (as JSON writes them). */
  readonly items: readonly unknown[];
  /** An object's keys (null for an array). */
  readonly keys: readonly string[] | null;
  next: number;
}

/**
 * The values a container holds at all depths (an array counts its elements, an object its keys),
 * counted without allocating and given up as soon as the count passes `budget`: then `budget + 1`.
 * A large container costs no more to ask about than a small one.
 */
export function valuesWithin(root: object, budget: number): number {
  let left = budget;
  const pending: object[] = [root];
  while (pending.length > 0) {
    const v = pending.pop()!;
    if (Array.isArray(v)) {
      left -= v.length;
      if (left < 0) return budget + 1;
      for (const item of v) if (item !== null && typeof item === 'object') pending.push(item as object);
    } else {
      for (const key in v) {
        if (--left < 0) return budget + 1;
        const item = (v as Record<string, unknown>)[key];
        if (item !== null && typeof item === 'object') pending.push(item);
      }
    }
  }
  return budget - left;
}

/** The value JSON.stringify writes for `v` under `key` (its toJSON, when it has one); so does yaml. */
export function jsonValueOf(v: unknown, key: string): unknown {
  const toJSON = v !== null && typeof v === 'object' ? (v as { toJSON?: unknown }).toJSON : undefined;
  return typeof toJSON === 'function' ? (toJSON as (k: string) => unknown).call(v, key) : v;
}

/** An object's entries as JSON writes them: each value through its toJSON, and none that JSON leaves out. */
export function entriesToWrite(v: object): { readonly keys: string[]; readonly items: unknown[] } {
  const keys: string[] = [];
  const items: unknown[] = [];
  for (const [key, item] of Object.entries(v)) {
    const ready = jsonValueOf(item, key);
    if (ready === undefined || typeof ready === 'function' || typeof ready === 'symbol') continue;
    keys.push(key);
    items.push(ready);
  }
  return { keys, items };
}
