import { describe, expect, it } from 'vitest';
import { REDACTED, redactDeep, redactText, secretForms } from '../../lambdas/core/redact';

const SECRET = 'p"w&<1>';

describe('redactText', () => {
  it('replaces a secret as typed, URL-encoded and HTML-escaped', () => {
    // Act
    const text = redactText(`typed ${SECRET} · ${encodeURIComponent(SECRET)} · value="p&quot;w&amp;&lt;1&gt;"`, [SECRET]);
    // Assess
    expect(text).toBe(`typed ${REDACTED} · ${REDACTED} · value="${REDACTED}"`);
  });

  it('replaces the form-encoded secret a GET form or a redirect puts into a URL', () => {
    // Act: URLSearchParams writes a space as + and escapes ! ' ( ) ~, which encodeURIComponent keeps.
    const text = redactText(`landed at https://crm.example/?user=u&password=${new URLSearchParams({ p: "a b!c'" }).toString().slice(2)}`, [
      "a b!c'",
    ]);
    // Assess
    expect(text).toBe(`landed at https://crm.example/?user=u&password=${REDACTED}`);
  });

  it('takes a secret with a lone surrogate (no URL encoding exists for it) without throwing', () => {
    // Act / Assess: the browser encodes it as U+FFFD, %EF%BF%BD.
    expect(redactText('pw \ud800x and %EF%BF%BDx', ['\ud800x'])).toBe(`pw ${REDACTED} and ${REDACTED}`);
  });

  it('masks a secret with a lone surrogate in a URL path as a whole, where only encodeURIComponent writes it', () => {
    // Prepare: the space makes the form-encoded form differ (+), the & the user-info form (kept as is)
    const secret = 'p w&\ud800';
    // Act
    const text = redactText('GET /reset/p%20w%26%EF%BF%BD/confirm', [secret]);
    // Assess: no tail of the encoded surrogate is left behind
    expect(text).toBe(`GET /reset/${REDACTED}/confirm`);
  });

  it('masks short secrets too, and ignores missing or empty ones', () => {
    // Act / Assess
    expect(redactText('pin 42 accepted', ['42'])).toBe(`pin ${REDACTED} accepted`);
    expect(redactText('nothing to hide', [undefined, ''])).toBe('nothing to hide');
  });
});

/**
 * A password with what makes the forms differ: an `@` and a `:` (user info), a space (`%20` or `+`),
 * `&`, `<`, `>` and `"` (HTML), and a non-ASCII letter (UTF-8 percent-encoding).
 */
const NASTY = 'p@ss: w0rd&<"é>';

/** The secret in a URL's user info, as the URL parser itself writes it. */
function inUserInfo(secret: string): string {
  const url = new URL('http://crm.example/');
  url.username = 'demo';
  url.password = secret;
  return url.href;
}

describe('redactText, every form of a secret', () => {
  it.each([
    ['typed into a message', `login failed for demo / ${NASTY} at the form`],
    ['percent-encoded in a query', `net::ERR_ABORTED at https://crm.example/login?user=demo&password=${encodeURIComponent(NASTY)}`],
    // the field's name does not end in "s": "s=" before the form would hide a form that kept its "s=" prefix
    ['form-encoded in a query (space as +)', `GET /login?${new URLSearchParams({ user: 'demo', pw: NASTY }).toString()} failed`],
    ['in the user info of a URL', `navigating to ${inUserInfo(NASTY)} failed`],
    ['escaped in serialized HTML text', '<p>Falsches Passwort: p@ss: w0rd&amp;&lt;"é&gt;</p>'],
    ['escaped in a serialized HTML attribute', '<input name="password" value="p@ss: w0rd&amp;<&quot;é>">'],
  ])('masks it %s', (_form, text) => {
    // Act
    const masked = redactText(text, [NASTY]);
    // Assess
    expect(masked).toContain(REDACTED);
    for (const form of secretForms(NASTY)) expect(masked).not.toContain(form);
    expect(masked).not.toContain('w0rd');
  });

  it('masks every occurrence of every secret, and nothing else', () => {
    expect(redactText('a hunter2 b hunter2 c swordfish', ['hunter2', 'swordfish'])).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED}`);
    expect(redactText('nothing secret here', ['hunter2'])).toBe('nothing secret here');
  });

  it('masks a form that contains the typed secret as a whole, leaving no tail of it', () => {
    expect(redactText('<p>b&amp;</p>', ['b&'])).toBe(`<p>${REDACTED}</p>`);
  });

  it('has no form for an empty secret (splitting on "" would garble every character)', () => {
    expect(secretForms('')).toEqual([]);
    expect(redactText('abc', [''])).toBe('abc');
  });

  it('masks the forms inside a result as well', () => {
    // Prepare
    const message = `net::ERR_ABORTED at ${inUserInfo(NASTY)}`;
    // Act
    const redacted = redactDeep({ failure: { message } }, [NASTY]);
    // Assess
    expect(redacted).toEqual({ failure: { message: `net::ERR_ABORTED at http://demo:${REDACTED}@crm.example/` } });
  });
});

describe('redactDeep', () => {
  it('redacts every string in a result and keeps its shape, keys and numbers', () => {
    // Prepare: a secret that looks like a key, to show the shape cannot break.
    const value = { status: 'fail', code: 500, steps: [{ message: 'status wrong', ok: false }], nested: { status: null } };
    // Act
    const redacted = redactDeep(value, ['status']);
    // Assess
    expect(redacted).toEqual({
      status: 'fail',
      code: 500,
      steps: [{ message: `${REDACTED} wrong`, ok: false }],
      nested: { status: null },
    });
    expect(value.steps[0]?.message).toBe('status wrong');
  });

  it('passes undefined, null, numbers and booleans through, and walks objects without a prototype', () => {
    // Prepare
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { message: 'hunter2 leaked' });
    const value = { a: undefined, b: null, c: 0, d: false, bare, list: [undefined, 'hunter2'] };
    // Act
    const redacted = redactDeep(value, ['hunter2']);
    // Assess
    expect(redacted).toEqual({
      a: undefined,
      b: null,
      c: 0,
      d: false,
      bare: { message: `${REDACTED} leaked` },
      list: [undefined, REDACTED],
    });
  });

  it('leaves objects that are not plain data as they are (a Date stays the same Date)', () => {
    // Prepare
    const when = new Date(0);
    // Act
    const redacted = redactDeep({ when, note: 'hunter2' }, ['hunter2']);
    // Assess
    expect(redacted.when).toBe(when);
    expect(redacted.note).toBe(REDACTED);
  });

  it('returns the value itself when there is no secret', () => {
    // Prepare
    const value = { a: 'b' };
    // Act / Assess
    expect(redactDeep(value, [undefined])).toBe(value);
  });
});
