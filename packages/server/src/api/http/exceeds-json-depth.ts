/**
 * True when a parsed JSON value nests objects and arrays deeper than `max` levels. Iterative, so
 * checking a hostile body cannot overflow the stack, which is exactly what a deep body does to
 * every recursive walk after it (JSON.stringify at publish, response serialisation).
 *
 * @example
 * exceedsJsonDepth(JSON.parse('[[[1]]]'), 2); // true
 */
export function exceedsJsonDepth(value: unknown, max: number): boolean {
  const stack: Array<{ node: object; depth: number }> = [];
  if (typeof value === 'object' && value !== null) stack.push({ node: value, depth: 1 });
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.depth > max) return true;
    for (const child of Object.values(item.node)) {
      if (typeof child === 'object' && child !== null) stack.push({ node: child, depth: item.depth + 1 });
    }
  }
  return false;
}
