/**
 * How much longer than in CI a reliability or fuzz test runs: 1 under `npm test`; `npm run soak`
 * sets SWITCHBOARD_SOAK (default 10 there) to multiply kill counts, event counts and fuzz runs.
 */
export function soakScale(): number {
  const scale = Number(process.env.SWITCHBOARD_SOAK ?? '1');
  return Number.isFinite(scale) && scale >= 1 ? Math.floor(scale) : 1;
}
