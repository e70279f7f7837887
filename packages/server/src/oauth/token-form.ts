/**
 * The fields of a token or revoke request: an `application/x-www-form-urlencoded` body (as the
 * SDKs send it), each name once. Unknown fields are ignored, as RingCentral ignores them.
 */
export type TokenForm = Readonly<Record<string, string | undefined>>;

/** Parses a form body; later duplicates of a name are ignored (the first value counts). */
export function parseTokenForm(text: string): TokenForm {
  const form: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(text)) if (!(name in form)) form[name] = value;
  return form;
}
