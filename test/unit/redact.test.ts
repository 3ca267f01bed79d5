import { describe, expect, it } from 'vitest';
import { REDACTED, redactDeep, redactText } from '../../lambdas/core/redact';

const SECRET = 'p"w&<1>';

describe('redactText', () => {
  it('replaces a secret as typed, URL-encoded and HTML-escaped', () => {
    // Act
    const text = redactText(`typed ${SECRET} · ${encodeURIComponent(SECRET)} · value="p&quot;w&amp;&lt;1&gt;"`, [SECRET]);
    // Assess
    expect(text).toBe(`typed ${REDACTED} · ${REDACTED} · value="${REDACTED}"`);
  });

  it('masks short secrets too, and ignores missing or empty ones', () => {
    // Act / Assess
    expect(redactText('pin 42 accepted', ['42'])).toBe(`pin ${REDACTED} accepted`);
    expect(redactText('nothing to hide', [undefined, ''])).toBe('nothing to hide');
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

  it('returns the value itself when there is no secret', () => {
    // Prepare
    const value = { a: 'b' };
    // Act / Assess
    expect(redactDeep(value, [undefined])).toBe(value);
  });
});
