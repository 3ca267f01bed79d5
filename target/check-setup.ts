import type { PageDesign, CheckSetup } from './designs/types';
import type { ActiveFaults } from './faults';
import { DEFAULT_POLICY, PAGE_CHECK_TIMEOUT_MS, type BrowserPolicy } from './system-check-script';

function browserPolicy(faults: ActiveFaults): BrowserPolicy {
  if (faults.has('unsupported-browser')) return { minMajor: {}, acceptHeadless: false };
  return faults.has('reject-headless') ? { ...DEFAULT_POLICY, acceptHeadless: false } : DEFAULT_POLICY;
}

/** What the active faults make of a design's System-Check: the same rules for every design. */
export function checkSetup(faults: ActiveFaults, design: PageDesign): CheckSetup {
  return {
    policy: browserPolicy(faults),
    reject: { firefox: faults.has('reject-firefox'), edge: faults.has('reject-edge') },
    jsError: faults.has('js-error'),
    jsLoop: faults.has('js-loop'),
    verdictDelayMs: faults.valueOf('verdict-delay') ?? design.defaultVerdictDelayMs,
    negatedWording: faults.has('negated-wording'),
    timeoutMs: PAGE_CHECK_TIMEOUT_MS,
  };
}
