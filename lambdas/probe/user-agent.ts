/**
 * The user agent the probe presents. Headless Chromium says "HeadlessChrome/…", which a real
 * System-Check may call unsupported (DESIGN.md, Chromium facts); a desktop Chrome of the same
 * version says "Chrome/<major>.0.0.0" (UA reduction since Chrome 101 zeroes minor/build/patch).
 */

/** Desktop Chrome's reduced user agent for the given `browser.version()` (e.g. "147.0.7727.0"). */
export function desktopChromeUserAgent(browserVersion: string): string {
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${majorOf(browserVersion)}.0.0.0 Safari/537.36`;
}

/**
 * Edge's reduced user agent on Windows (where dealers run it) for Chromium's `browser.version()`:
 * Edge ships with the Chromium major of the same number and appends `Edg/<major>.0.0.0`.
 */
export function desktopEdgeUserAgent(browserVersion: string): string {
  const major = majorOf(browserVersion);
  return `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36 Edg/${major}.0.0.0`;
}

function majorOf(browserVersion: string): string {
  return /^(\d+)/.exec(browserVersion)?.[1] ?? '0';
}

/** The seed's screen requirement: Full HD, 1920x1080. */
export const FULL_HD_VIEWPORT = { width: 1920, height: 1080 } as const;

/** autocrm's users are German car dealers. */
export const PROBE_LOCALE = 'de-DE';
