/** What replaces a secret wherever it turned up. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not scrubbed: replacing "a" everywhere would garble the result. */
const MIN_SECRET_LENGTH = 4;

/**
 * A deep copy of `value` with every occurrence of each secret replaced by REDACTED. Belt and braces:
 * the engine never puts the password into a result, but an error message quoting a typed value
 * must not carry it into a log line, a metric or the summary either.
 */
export function redactSecrets<T>(value: T, secrets: readonly (string | undefined)[]): T {
  const usable = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH);
  if (usable.length === 0) return value;
  let text = JSON.stringify(value);
  for (const secret of usable) {
    // The secret as it appears inside a JSON string (quotes and backslashes escaped).
    const encoded = JSON.stringify(secret).slice(1, -1);
    text = text.split(encoded).join(REDACTED);
  }
  return JSON.parse(text) as T;
}
