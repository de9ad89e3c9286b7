// What the writers in pieces (json.ts, yaml.ts) ask of a value before writing it: how many values it
// holds, and what JSON (and the yaml package) writes in its place.

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
