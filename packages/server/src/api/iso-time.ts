/** Epoch milliseconds → ISO-8601 UTC with milliseconds and `Z`, the only time format on the wire (§2.1). */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Like `isoTime`, passing null through (times that have not happened yet). */
export function isoTimeOrNull(ms: number | null): string | null {
  return ms === null ? null : isoTime(ms);
}
