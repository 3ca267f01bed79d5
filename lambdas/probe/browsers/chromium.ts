/**
 * Headless Chromium from `@sparticuz/chromium` (the same binary locally, in CI and in Lambda), for
 * Chrome's and Edge's identities alike.
 */
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';
import type { EngineLaunch } from './engine-launch';
import { markerEnvironment } from './processes';

/**
 * `@sparticuz/chromium`'s GL flags: WebGL on Lambda's GPU-less machines through SwiftShader, a GPU
 * emulated on the CPU in Chromium's GPU thread. The probe's pages draw no WebGL, and compositing them
 * in software instead (`--disable-gpu`) takes about a third less CPU per round (Chromium's CPU for
 * launch → login page → System-Check verdicts: 310-330 ms with these flags, 200-240 ms without;
 * Chromium 147 on the 2-core machine).
 */
const GPU_EMULATION_FLAGS: ReadonlySet<string> = new Set([
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--in-process-gpu',
  '--ignore-gpu-blocklist',
]);

/**
 * `@sparticuz/chromium`'s flags minus `--disable-web-security`, which zeroes the Resource Timing
 * details (connectStart, requestStart, responseStart, transferSize) of same-origin fetches that the
 * HTTP measurements read (bisected among all default flags, Chromium 147 and 156), and with software
 * compositing instead of the GL emulation (GPU_EMULATION_FLAGS).
 */
export function chromiumArgs(): string[] {
  const kept = chromium.args.filter((arg) => arg !== '--disable-web-security' && !GPU_EMULATION_FLAGS.has(arg));
  return [...kept, '--disable-gpu'];
}

let executablePathPromise: Promise<string> | undefined;

/**
 * The Chromium executable: `CHROMIUM_PATH` when set (laptops where the Lambda binary cannot run),
 * else `@sparticuz/chromium`'s, extracted to /tmp once per process (memoized: extraction costs ~1.5 s).
 */
export function resolveExecutablePath(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const override = env.CHROMIUM_PATH?.trim();
  if (override) return Promise.resolve(override);
  executablePathPromise ??= chromium.executablePath().catch((error: unknown) => {
    executablePathPromise = undefined;
    throw error;
  });
  return executablePathPromise;
}

/** Starts headless Chromium with the marker on its command line and in its environment. */
export async function launchChromium(launch: EngineLaunch): Promise<Browser> {
  const executablePath = await resolveExecutablePath(launch.env);
  launch.onExecutable(executablePath);
  return playwright.launch({
    executablePath,
    args: [...chromiumArgs(), launch.marker],
    env: { ...process.env, ...markerEnvironment(launch.marker) },
    headless: true,
    timeout: launch.timeoutMs,
  });
}
