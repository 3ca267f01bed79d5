/**
 * User-Agent Client Hints of a browser identity: the brand list `navigator.userAgentData` reports and
 * the `Sec-CH-UA` headers carry. Pure: the identity's data, the header values, Chromium's brand order.
 */

/** One `{ brand, version }` entry of `navigator.userAgentData.brands`. */
export interface BrandVersion {
  readonly brand: string;
  readonly version: string;
}

/** The metadata `Emulation.setUserAgentOverride` takes (CDP `Emulation.UserAgentMetadata`). */
export interface UserAgentMetadata {
  readonly brands: readonly BrandVersion[];
  readonly fullVersionList: readonly BrandVersion[];
  readonly platform: string;
  readonly platformVersion: string;
  readonly architecture: string;
  readonly model: string;
  readonly mobile: boolean;
  readonly bitness: string;
  readonly wow64: boolean;
}

/**
 * Chromium's GREASE for a major version, as its `GenerateBrandVersionList` builds it, so a brand list
 * we present is ordered and greased exactly like the real browser of that version (Chromium 147:
 * `"HeadlessChrome";v="147", "Not.A/Brand";v="8", "Chromium";v="147"`; Edge 147 puts "Microsoft Edge"
 * where Chromium's headless shell puts "HeadlessChrome").
 */
const GREASE_CHARS = [' ', '(', ':', '-', '.', '/', ')', ';', '=', '?', '_'] as const;
const GREASE_VERSIONS = ['8', '99', '24'] as const;
const BRAND_ORDERS = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
] as const;

/** `[product, "Chromium", GREASE]` in the order and with the GREASE Chromium uses for `majorVersion`. */
export function chromiumBrandList(product: string, majorVersion: number, productVersion = String(majorVersion)): BrandVersion[] {
  const seed = majorVersion;
  const grease = {
    brand: `Not${GREASE_CHARS[seed % GREASE_CHARS.length]}A${GREASE_CHARS[(seed + 1) % GREASE_CHARS.length]}Brand`,
    version: GREASE_VERSIONS[seed % GREASE_VERSIONS.length] as string,
  };
  const order = BRAND_ORDERS[seed % BRAND_ORDERS.length] ?? BRAND_ORDERS[0];
  const list: BrandVersion[] = [];
  list[order[0]] = grease;
  list[order[1]] = { brand: 'Chromium', version: productVersion };
  list[order[2]] = { brand: product, version: productVersion };
  return list;
}

/** The brand list as a structured header (`Sec-CH-UA`): `"Microsoft Edge";v="147", "Not.A/Brand";v="8", …`. */
export function secChUa(brands: readonly BrandVersion[]): string {
  return brands.map(({ brand, version }) => `"${brand}";v="${version}"`).join(', ');
}

/**
 * The low-entropy hints every request carries (`Sec-CH-UA`, `-Mobile`, `-Platform`), as headers. The
 * browser would send them only to secure origins; sent everywhere they still say the same thing.
 */
export function lowEntropyHeaders(metadata: UserAgentMetadata): Record<string, string> {
  return {
    'sec-ch-ua': secChUa(metadata.brands),
    'sec-ch-ua-mobile': metadata.mobile ? '?1' : '?0',
    'sec-ch-ua-platform': `"${metadata.platform}"`,
  };
}

/**
 * Edge's client hints on Windows for a Chromium version (`147.0.7727.0`): Edge ships with the
 * Chromium major of the same number, and reports it in both brands.
 */
export function edgeClientHints(chromiumVersion: string): UserAgentMetadata {
  const major = Number(/^(\d+)/.exec(chromiumVersion)?.[1] ?? '0');
  const brands = chromiumBrandList('Microsoft Edge', major);
  const fullVersionList = brands.map(({ brand, version }) =>
    brand === 'Chromium' || brand === 'Microsoft Edge' ? { brand, version: chromiumVersion } : { brand, version: `${version}.0.0.0` },
  );
  return {
    brands,
    fullVersionList,
    platform: 'Windows',
    // Windows 11 24H2 (Sec-CH-UA-Platform-Version 13.0.0 and up is Windows 11)
    platformVersion: '19.0.0',
    architecture: 'x86',
    model: '',
    mobile: false,
    bitness: '64',
    wow64: false,
  };
}
