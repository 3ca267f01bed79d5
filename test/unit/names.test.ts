/**
 * The probe functions' names: the CDK deploys under them and `smoke --remote` invokes by them, so both
 * sides must arrive at the same name for every browser. Found by mutation testing
 * lambdas/core/names.ts, which no unit test ran.
 */
import { describe, expect, it } from 'vitest';
import { BROWSER_NAMES } from '../../lambdas/core/browsers';
import { FIREFOX_PROBE_FUNCTION_NAME, PROBE_FUNCTION_NAME, PROBE_RUNTIMES, functionNameOf, runtimeOf } from '../../lambdas/core/names';

describe('runtimeOf', () => {
  it('runs Firefox in the Firefox function and Chromium and Edge in the Chromium function', () => {
    // Act
    const runtimes = BROWSER_NAMES.map((browser) => [browser, runtimeOf(browser)]);
    // Assess
    expect(runtimes).toEqual([
      ['chromium', 'chromium'],
      ['firefox', 'firefox'],
      ['edge', 'chromium'],
    ]);
  });
});

describe('functionNameOf', () => {
  it('names the deployed functions: the zip function for chromium, the -firefox one for firefox', () => {
    // Act + Assess
    expect(functionNameOf('chromium')).toBe('autocrm-synthetics-probe');
    expect(functionNameOf('firefox')).toBe('autocrm-synthetics-probe-firefox');
    expect(functionNameOf('chromium')).toBe(PROBE_FUNCTION_NAME);
    expect(functionNameOf('firefox')).toBe(FIREFOX_PROBE_FUNCTION_NAME);
  });

  it('derives both names from a custom probe name, so a renamed deployment is still found per runtime', () => {
    // Act
    const names = PROBE_RUNTIMES.map((runtime) => functionNameOf(runtime, 'staging-probe'));
    // Assess
    expect(names).toEqual(['staging-probe', 'staging-probe-firefox']);
  });
});
