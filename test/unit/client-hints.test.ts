import { describe, expect, it } from 'vitest';
import { chromiumBrandList, edgeClientHints, lowEntropyHeaders, secChUa } from '../../lambdas/probe/browsers/client-hints';
import { desktopEdgeUserAgent } from '../../lambdas/probe/user-agent';

describe('Edge identity data', () => {
  it('builds Chromium 147’s brand order and GREASE with Edge’s brand', () => {
    // Act
    const brands = chromiumBrandList('Microsoft Edge', 147);
    // Assess: Chromium 147 itself sends "HeadlessChrome";v="147", "Not.A/Brand";v="8", "Chromium";v="147"
    expect(secChUa(brands)).toBe('"Microsoft Edge";v="147", "Not.A/Brand";v="8", "Chromium";v="147"');
  });

  it.each([
    [120, '"Not_A Brand";v="8", "Chromium";v="120", "Google Chrome";v="120"'],
    [124, '"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"'],
  ])('reproduces what Chrome %i sends, so the order and GREASE follow each major version', (major, header) => {
    // Act
    const brands = chromiumBrandList('Google Chrome', major);
    // Assess
    expect(secChUa(brands)).toBe(header);
  });

  it('gives headers and high-entropy values that agree with the user agent', () => {
    // Act
    const hints = edgeClientHints('147.0.7727.0');
    // Assess
    expect(lowEntropyHeaders(hints)).toEqual({
      'sec-ch-ua': '"Microsoft Edge";v="147", "Not.A/Brand";v="8", "Chromium";v="147"',
      'sec-ch-ua-mobile': '?0',
      'sec-ch-ua-platform': '"Windows"',
    });
    expect(hints.fullVersionList).toEqual([
      { brand: 'Microsoft Edge', version: '147.0.7727.0' },
      { brand: 'Not.A/Brand', version: '8.0.0.0' },
      { brand: 'Chromium', version: '147.0.7727.0' },
    ]);
    expect(desktopEdgeUserAgent('147.0.7727.0')).toBe(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/147.0.0.0 Safari/537.36 Edg/147.0.0.0',
    );
  });
});
