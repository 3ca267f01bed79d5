/**
 * Runs in the page as an init script (serialized by Playwright: self-contained, no imports).
 */

/** What `navigator.userAgentData` presents: the low-entropy fields, and the high-entropy values by hint name. */
export interface PresentedHints {
  readonly brands: readonly { readonly brand: string; readonly version: string }[];
  readonly mobile: boolean;
  readonly platform: string;
  /** `fullVersionList`, `platformVersion`, `architecture`, … as `getHighEntropyValues` names them. */
  readonly highEntropy: Readonly<Record<string, unknown>>;
}

interface NavigatorUaData {
  readonly brands: readonly { readonly brand: string; readonly version: string }[];
  getHighEntropyValues(hints: string[]): Promise<Record<string, unknown>>;
}

/**
 * Until the page's real client-hint override is in place (a popup's first document can run before
 * it), `navigator.userAgentData` presents the identity's brands, mobile flag and platform, and
 * `getHighEntropyValues` the identity's values of the hints asked for. Does nothing once the browser
 * itself reports the identity's own brand.
 */
export function presentClientHints(hints: PresentedHints): void {
  const real = (navigator as unknown as { userAgentData?: NavigatorUaData }).userAgentData;
  const ownBrand = hints.brands.find((entry) => !entry.brand.startsWith('Not') && entry.brand !== 'Chromium')?.brand;
  if (!real || real.brands.some((entry) => entry.brand === ownBrand)) return;
  const brands = Object.freeze(hints.brands.map((entry) => Object.freeze({ ...entry })));
  const lowEntropy = { brands, mobile: hints.mobile, platform: hints.platform };
  const presented = Object.create(Object.getPrototypeOf(real) as object) as Record<string, unknown>;
  Object.defineProperties(presented, {
    brands: { get: () => brands, enumerable: true },
    mobile: { get: () => hints.mobile, enumerable: true },
    platform: { get: () => hints.platform, enumerable: true },
    getHighEntropyValues: {
      value: (wanted: string[]) =>
        real.getHighEntropyValues(wanted).then((values) => {
          const presentedValues: Record<string, unknown> = { ...values, ...lowEntropy };
          for (const hint of Object.keys(values)) {
            if (Object.hasOwn(hints.highEntropy, hint)) presentedValues[hint] = hints.highEntropy[hint];
          }
          return presentedValues;
        }),
    },
    toJSON: { value: () => lowEntropy },
  });
  Object.defineProperty(Navigator.prototype, 'userAgentData', { get: () => presented, configurable: true, enumerable: true });
}
