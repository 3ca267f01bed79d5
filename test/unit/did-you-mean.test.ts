import { describe, expect, it } from 'vitest';
import { didYouMean, didYouMeanHint, editDistance } from '../../lambdas/core/did-you-mean';

describe('didYouMean', () => {
  it('suggests the closest candidate for a typo', () => {
    expect(didYouMean('loginUlr', ['loginUrl', 'name', 'timeouts'])).toBe('loginUrl');
    expect(didYouMean('--tagret', ['--target', '--url'])).toBe('--target');
    expect(didYouMean('rnu', ['run', 'smoke', 'target', 'invoke'])).toBe('run');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(didYouMean('banana', ['loginUrl', 'name'])).toBeUndefined();
    expect(didYouMeanHint('banana', ['loginUrl'])).toBe('');
  });

  it('folds case on both sides: a word in any case finds its candidate, a candidate in any case is offered as written', () => {
    expect(didYouMean('LOGINURL', ['loginUrl', 'name'])).toBe('loginUrl');
    expect(didYouMean('Smoek', ['run', 'smoke'])).toBe('smoke');
    expect(didYouMean('smoek', ['Run', 'SMOKE'])).toBe('SMOKE');
    expect(didYouMeanHint('TARGETS', ['targets', 'mode'])).toBe(' Did you mean "targets"?');
  });

  it('counts edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('smoek', 'smoke')).toBe(1);
  });
});
