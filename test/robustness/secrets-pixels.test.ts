/**
 * Secrets never reach pixels (issue #16): the reference target's `reflect-password` login answers a
 * failed login with the typed password in the text, in a visible field, in an attribute the browser
 * draws and in the title, and the user name in its field; each of the four designs words and lays
 * this out its own way (target/hostile-pages.ts). The user name comes from a Secrets Manager value,
 * so it is a secret in use as well.
 * - Per design and browser, the engine's evidence capture runs on the reflecting page; OCR must find
 *   both secrets in a control screenshot without masking (so the check can fail) and neither in the
 *   captured PNG.
 * - Per design, a real round from the login URL alone (everything else discovered) in real Chromium
 *   and real Firefox through the one round runner: every output is searched — each PNG and the image
 *   report.html inlines by OCR; the HTML, JSON, JUnit, metrics, EMF lines, the handler's log line and
 *   the console text as text.
 * - `reflect-password-canvas` draws the password on a canvas only: no screenshot is kept, and the
 *   result says why.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatResultTable } from '../../cli/report/console';
import { writeRunReport } from '../../cli/report/write-report';
import { KEEP_IN_MEMORY } from '../../cli/rounds';
import type { BrowserName } from '../../lambdas/core/browsers';
import { referenceTargetConfig } from '../../lambdas/core/config';
import { editDistance } from '../../lambdas/core/did-you-mean';
import { toJUnitXml } from '../../lambdas/core/gate/junit';
import { toMetricDatums } from '../../lambdas/core/metrics';
import { captureArtifacts } from '../../lambdas/probe/artifacts';
import { launchBrowser, type LaunchedBrowser } from '../../lambdas/probe/browser';
import { secretsOf } from '../../lambdas/probe/login-step';
import { parseSecret } from '../../lambdas/round/credentials';
import { runRound } from '../../lambdas/round/run-round';
import { roundLogFields } from '../../lambdas/runtime/logger';
import { immediateSink } from '../../lambdas/round/sinks';
import type { RoundOutcome } from '../../lambdas/round/ports';
import { DESIGN_NAMES, DESIGNS, startTarget, type DesignName, type RunningTarget } from '../../target/index';

/** The password of the issue: OCR reads it well, and nobody types it by accident. */
const PLANTED = 'Pw-7f3kQ9zX';
/** The user name, a value of the Secrets Manager secret: masked like the password. */
const USERNAME = 'monitor-Kq4x';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:autocrm-login-AbCdEf';
/** The credentials as the Lambda reads them from Secrets Manager: every value is a secret in use. */
const CREDENTIALS = parseSecret(SECRET_ARN, JSON.stringify({ username: USERNAME, password: PLANTED }));
const SECRETS = secretsOf(CREDENTIALS);
const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];
/** A reading of a secret by OCR may be off by this many characters and still count as found. */
const OCR_TOLERANCE = 2;

const run = promisify(execFile);

/** One reflecting target per design (the monitor's login fails: the target's own password differs). */
const reflecting = new Map<DesignName, RunningTarget>();
let canvas: RunningTarget;
let scratch: string;

beforeAll(async () => {
  const credentials = { username: USERNAME, password: 'the-right-password' };
  const started = await Promise.all(DESIGN_NAMES.map((design) => startTarget({ credentials, design, faults: ['reflect-password'] })));
  for (const target of started) reflecting.set(target.design, target);
  canvas = await startTarget({ credentials, faults: ['reflect-password-canvas'] });
  scratch = mkdtempSync(join(tmpdir(), 'robustness-pixels-'));
});

afterAll(async () => {
  await Promise.all([...reflecting.values(), canvas].map((target) => target?.close()));
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function reflectingTarget(design: DesignName): RunningTarget {
  const target = reflecting.get(design);
  if (!target) throw new Error(`no reflecting target for design ${design}`);
  return target;
}

/** The text tesseract reads in a PNG. */
async function ocr(png: Buffer, name: string): Promise<string> {
  const file = join(scratch, `${name}.png`);
  writeFileSync(file, png);
  const { stdout } = await run('tesseract', [file, 'stdout'], { timeout: 60_000 });
  return stdout;
}

/** How often `text` holds `secret`, allowing OCR_TOLERANCE misread characters (spaces ignored). */
function ocrHits(text: string, secret: string): number {
  const squeezed = text.replace(/\s+/g, '');
  let hits = 0;
  for (let at = 0; at + secret.length - OCR_TOLERANCE <= squeezed.length; at++) {
    const near = [-1, 0, 1].some((delta) => editDistance(squeezed.slice(at, at + secret.length + delta), secret) <= OCR_TOLERANCE);
    if (near) {
      hits += 1;
      at += secret.length - 1;
    }
  }
  return hits;
}

/** Per secret, how often OCR reads it in `png`. */
async function secretsRead(png: Buffer, name: string): Promise<Record<string, number>> {
  const text = await ocr(png, name);
  return { password: ocrHits(text, PLANTED), username: ocrHits(text, USERNAME) };
}

/** Every file below `dir`, recursively. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/**
 * One real round of `target` in `browser` with the planted credentials, through the one round runner:
 * its login URL only, everything else discovered, as for any design.
 */
async function roundWithPlanted(target: RunningTarget, browser: BrowserName, emf: string[]): Promise<RoundOutcome> {
  const base = referenceTargetConfig(target.origin);
  const config = {
    ...base,
    loginUrl: target.loginUrl,
    name: `pixels-${browser}-${target.design}`,
    // Each design has its own endpoints: the System-Check's, found on the page.
    websocket: undefined,
    http: undefined,
    bandwidth: undefined,
    timeouts: { ...base.timeouts, stepMs: 4_000, roundMs: 30_000 },
  };
  return runRound(
    { target: config, browser, location: 'local', runId: `pixels-${browser}` },
    {
      sink: immediateSink({
        // No CloudWatch here: the sink's own EMF fallback writes every datum as a line.
        publisher: () => ({ publish: () => Promise.reject(new Error('no CloudWatch in this test')) }),
        namespace: 'Test/Pixels',
        sink: 'emf',
        logger: { warn: () => undefined, error: () => undefined },
        budgetMs: 5_000,
        write: (line) => emf.push(line),
      }),
      artifacts: KEEP_IN_MEMORY,
      clock: { now: Date.now },
      credentials: { forTarget: async () => CREDENTIALS },
    },
  );
}

/** The reflecting page of `design` after a failed login with the planted credentials, typed as a person would. */
async function openReflectedPage(page: Page, design: DesignName): Promise<void> {
  const target = reflectingTarget(design);
  const { login } = DESIGNS[design].contract;
  await page.goto(`${target.origin}${DESIGNS[design].paths.login}`);
  await page.fill(login.usernameSelector, USERNAME);
  await page.fill(login.passwordSelector, PLANTED);
  await Promise.all([page.waitForEvent('load'), page.click(login.submitSelector)]);
  await page.locator('#reflected-value').waitFor();
}

describe.each(BROWSERS)('secrets never reach pixels in %s', (browser) => {
  let launched: LaunchedBrowser;
  let context: BrowserContext;

  beforeAll(async () => {
    launched = await launchBrowser({ browser });
    context = await launched.browser.newContext({ viewport: { width: 1280, height: 720 } });
    // Chromium runs as one process: it ends with its last page, so one blank page stays open.
    await context.newPage();
  });

  afterAll(async () => {
    await launched?.close();
  });

  it.each(DESIGN_NAMES)('design %s: OCR reads both secrets without masking; the captured screenshot shows neither', async (design) => {
    // Prepare: the reflecting page, as a user would see it.
    const page = await context.newPage();
    try {
      await openReflectedPage(page, design);
      expect(await page.title()).toContain(PLANTED);
      // Act
      const control = await secretsRead(await page.screenshot(), `control-${browser}-${design}`);
      const { blobs, withheld } = await captureArtifacts(page, { target: 'control', step: 'login', secrets: SECRETS, secretsTyped: true });
      // Assess: the text, the refilled field and the drawn attribute show the password without masking,
      // the refilled user name field the user name …
      expect(control.password).toBeGreaterThanOrEqual(3);
      expect(control.username).toBeGreaterThanOrEqual(1);
      // … and none of them with it.
      expect(withheld).toEqual([]);
      const png = blobs.find((blob) => blob.kind === 'screenshot');
      expect(png).toBeDefined();
      expect(await secretsRead(png?.body ?? Buffer.alloc(0), `masked-${browser}-${design}`)).toEqual({ password: 0, username: 0 });
      const html = blobs.find((blob) => blob.kind === 'html')?.body.toString('utf8') ?? '';
      expect(html).toContain('reflected-value');
      expect(SECRETS.filter((secret) => html.includes(secret))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it.each(DESIGN_NAMES)(
    'design %s, a real round: no output holds a secret — PNG by OCR, report.html image, HTML, JSON, JUnit, metrics, EMF, log line, console',
    async (design) => {
      // Act
      const emf: string[] = [];
      const outcome = await roundWithPlanted(reflectingTarget(design), browser, emf);
      const out = join(scratch, `round-${browser}-${design}`);
      const written = await writeRunReport(out, [outcome], { namespace: 'Test/Pixels', datums: toMetricDatums(outcome.result) });
      const junit = toJUnitXml(written.results, { failOn: 'fail' });
      const console = formatResultTable(written.results[0] ?? outcome.result);
      // The handler's one log line per round (lambdas/runtime/logger.ts), as Lambda would write it.
      const logLine = JSON.stringify(roundLogFields(outcome.result, 'scheduled'));
      // Assess: the round failed at login with evidence of the reflecting page, nothing withheld.
      expect(outcome.result.failure).toMatchObject({ kind: 'content', step: 'login' });
      expect(outcome.result.browser?.name).toBe(browser);
      expect(outcome.result.withheldArtifacts).toBeUndefined();
      const files = filesBelow(out);
      const pngs = files.filter((file) => file.endsWith('.png'));
      expect(pngs).toHaveLength(1);
      expect(files.some((file) => file.endsWith('-login.html'))).toBe(true);
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      const inlined = /src="data:image\/png;base64,([^"]+)"/.exec(html)?.[1];
      expect(inlined).toBeDefined();
      const images = [...pngs.map((file) => readFileSync(file)), Buffer.from(inlined ?? '', 'base64')];
      const read = await Promise.all(images.map((png, index) => secretsRead(png, `round-${browser}-${design}-${index}`)));
      expect(read).toEqual(images.map(() => ({ password: 0, username: 0 })));
      const texts: Record<string, string> = {
        junit,
        console,
        log: logLine,
        emf: emf.join('\n'),
        result: JSON.stringify(outcome.result),
        ...Object.fromEntries(files.filter((file) => !file.endsWith('.png')).map((file) => [file, readFileSync(file, 'utf8')])),
      };
      expect(emf.length).toBeGreaterThan(0);
      const forms = SECRETS.flatMap((secret) => [secret, encodeURIComponent(secret)]);
      for (const [name, text] of Object.entries(texts)) {
        expect({ name, leaks: forms.filter((form) => text.includes(form)) }).toEqual({ name, leaks: [] });
      }
    },
  );

  it('the password on a canvas: no screenshot is kept, the result says why, the HTML is kept', async () => {
    // Act
    const outcome = await roundWithPlanted(canvas, browser, []);
    // Assess
    expect(outcome.result.failure).toMatchObject({ step: 'login' });
    expect(outcome.artifacts.map((blob) => blob.kind)).toEqual(['html']);
    expect(outcome.result.withheldArtifacts).toEqual([
      { kind: 'screenshot', reason: expect.stringMatching(/<canvas> after the password was typed; its pixels cannot be checked/) },
    ]);
    expect(formatResultTable(outcome.result)).toContain('screenshot withheld: the page shows <canvas>');
  });
});
