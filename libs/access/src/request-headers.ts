/**
 * How often a header is given, its name in any case (`rawHeaders`: name, value, name, value …). Node
 * keeps the first of two Authorization or Content-Type headers, where a proxy may act on the second:
 * a request that says either twice is refused.
 */
export function headerCount(rawHeaders: readonly string[], name: string): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === name) count++;
  return count;
}
