/**
 * Property: whatever the secrets and the text — secrets of any characters (lone surrogates, markup,
 * percent signs, the marker itself), placed anywhere, in any of their forms, overlapping — the
 * redactor never throws, and outside its markers no form of any secret is left. `redactDeep` keeps
 * the shape of any JSON value and scrubs every string in it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allSecretForms, REDACTED, redactDeep, redactText, secretForms } from '../../lambdas/core/redact';
import { hostileJson, hostileString } from './arbitraries';
import { fuzzRuns } from './settings';

const secret = fc.oneof(
  hostileString,
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom('p"w&<1>', 'a b+c', "it's", '%41', 'ab'),
);

/** A text made of random pieces and forms of the secrets, in any order. */
function textWith(secrets: readonly string[]): fc.Arbitrary<string> {
  const forms = secrets.flatMap((value) => secretForms(value));
  const piece = forms.length > 0 ? fc.oneof(hostileString, fc.constantFrom(...forms)) : hostileString;
  return fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(''));
}

const secretsAndText = fc.array(secret, { maxLength: 3 }).chain((secrets) => fc.tuple(fc.constant(secrets), textWith(secrets)));

/** True when no form of the secrets is left in `text` outside the markers. */
function clean(text: string, secrets: readonly string[]): boolean {
  const forms = allSecretForms(secrets);
  return text.split(REDACTED).every((rest) => forms.every((form) => !rest.includes(form)));
}

describe('fuzzed redactor', () => {
  it('leaves no form of any secret outside its markers, and never throws', () => {
    fc.assert(
      fc.property(secretsAndText, ([secrets, text]) => {
        expect(clean(redactText(text, secrets), secrets)).toBe(true);
      }),
      fuzzRuns(500),
    );
  });

  it('changes nothing without secrets', () => {
    fc.assert(
      fc.property(hostileString, fc.array(fc.constantFrom(undefined, '')), (text, none) => {
        expect(redactText(text, none)).toBe(text);
      }),
      fuzzRuns(200),
    );
  });

  it('redactDeep keeps the shape of any value and scrubs every string', () => {
    fc.assert(
      fc.property(fc.array(secret, { minLength: 1, maxLength: 3 }), hostileJson, (secrets, value) => {
        const redacted = redactDeep(value, secrets);
        const shape = (node: unknown): unknown =>
          typeof node === 'string'
            ? 'string'
            : Array.isArray(node)
              ? node.map(shape)
              : node !== null && typeof node === 'object'
                ? Object.fromEntries(Object.entries(node).map(([key, item]) => [key, shape(item)]))
                : node;
        expect(shape(redacted)).toEqual(shape(value));
        const strings: string[] = [];
        JSON.stringify(redacted, (_key, item: unknown) => (typeof item === 'string' ? (strings.push(item), item) : item));
        expect(strings.every((text) => clean(text, secrets))).toBe(true);
      }),
      fuzzRuns(300),
    );
  });
});
