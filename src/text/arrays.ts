// Adding the elements of an array to another without spreading it into a call: `target.push(...items)`
// and `Math.max(...items)` put every element on the stack as an argument, and an array of about
// 120,000 elements (a page of 130,000 numbered lines) overflows it. These loop instead.

/** Push every element of `items` onto `target`, in order; returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values`, or `floor` when there are none (or all are smaller). */
export function maxOf(values: Iterable<number>, floor = -Infinity): number {
  let max = floor;
  for (const value of values) if (value > max) max = value;
  return max;
}
