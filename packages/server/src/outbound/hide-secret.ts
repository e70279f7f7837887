/** Rounds of percent-decoding tried: a receiver may encode what it reflects twice (`%2520`). */
const DECODE_ROUNDS = 3;

/**
 * `text` with every spelling of `secret` replaced by `censor`: as is, JSON-escaped,
 * percent-encoded (either hex case, form-style `+`, every byte or twice), base64, base64url and
 * hex. Percent-encoded runs are decoded before looking again, so a mix no list foresees is still
 * found; where one was, the decoded text is returned.
 *
 * Why: receivers reflect what they are sent (a redirect's `Location`, an echo endpoint's body),
 * and what they reflect reaches SUB-521 messages, the attempt log and info-level logs, where a
 * secret must never appear in any encoding (docs/decisions.md "Wire compatibility"; docs/reliability.md,
 * finding 7).
 *
 * @example
 * hideSecret('https://x.example/?t=s3%20cret', 's3 cret', '…'); // 'https://x.example/?t=…'
 */
export function hideSecret(text: string, secret: string | null, censor: string): string {
  if (!secret || text.length === 0) return text;
  const spellings = spellingsOf(secret);
  let out = replaceAll(text, spellings, censor);
  for (let round = 0; round < DECODE_ROUNDS; round++) {
    const decoded = [decodePercentRuns(out), decodePercentRuns(out.replace(/\+/g, ' '))].find((candidate) =>
      spellings.some((spelling) => candidate.includes(spelling)),
    );
    if (decoded === undefined) break;
    out = replaceAll(decoded, spellings, censor);
  }
  return out;
}

function spellingsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const percent = encodeURIComponent(secret);
  const everyByte = [...bytes].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
  const base64 = bytes.toString('base64');
  const forms = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    percent,
    percent.replace(/%20/g, '+'),
    everyByte,
    base64,
    base64.replace(/=+$/, ''),
    bytes.toString('base64url'),
    bytes.toString('hex'),
  ];
  const withLowerHex = forms.flatMap((form) => [form, form.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())]);
  // Longest first: a spelling that contains another is replaced whole.
  return [...new Set(withLowerHex)].sort((a, b) => b.length - a.length);
}

function replaceAll(text: string, spellings: readonly string[], censor: string): string {
  let out = text;
  for (const spelling of spellings) out = out.split(spelling).join(censor);
  return out;
}

/** Decodes each run of `%XX` escapes that is valid UTF-8; leaves any other run as it is. */
function decodePercentRuns(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}
