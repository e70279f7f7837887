/** Adds `by` to a key's count, dropping the key when it reaches 0 (no map of zeros grows). */
export function addCount(counts: Map<string, number>, key: string, by: number): void {
  const value = (counts.get(key) ?? 0) + by;
  if (value === 0) counts.delete(key);
  else counts.set(key, value);
}
