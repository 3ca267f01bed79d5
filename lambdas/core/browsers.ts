/**
 * The browsers a target is probed in. autocrm's requirement names Chrome, Firefox and Edge; each
 * configured browser gets a complete round of its own (DESIGN.md, Browsers).
 */

/** `chromium` presents Chrome's identity, `edge` Edge's identity on the same Chromium, `firefox` is real Gecko. */
export const BROWSER_NAMES = ['chromium', 'firefox', 'edge'] as const;
export type BrowserName = (typeof BROWSER_NAMES)[number];

/** The browser of a plan that names none: Chromium with Chrome's identity, as in Lambda's zip function. */
export const DEFAULT_BROWSER: BrowserName = 'chromium';

/** The engine behind each browser: Edge is Edge's identity on Chromium, not Edge's own binary. */
export const BROWSER_ENGINES = { chromium: 'chromium', firefox: 'gecko', edge: 'chromium' } as const satisfies Record<BrowserName, string>;
export type BrowserEngine = (typeof BROWSER_ENGINES)[BrowserName];

/** Names people write for a browser that are not ours ("chrome" is three edits from "chromium"). */
export const BROWSER_ALIASES: Readonly<Record<string, BrowserName>> = {
  chrome: 'chromium',
  'google-chrome': 'chromium',
  msedge: 'edge',
  'microsoft-edge': 'edge',
  'firefox-esr': 'firefox',
  gecko: 'firefox',
};

export function isBrowserName(value: unknown): value is BrowserName {
  return typeof value === 'string' && (BROWSER_NAMES as readonly string[]).includes(value);
}
