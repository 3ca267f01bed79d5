import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfigFile } from '../../cli/config-file';
import { main } from '../../cli/main';
import { DESIGN_NAMES, startTarget, type DesignName, type RunningTarget } from '../../target/index';
import { chromiumChildren } from './journey-helpers';

/** Runs the CLI in this process and collects what it prints. */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
  try {
    const code = await main(argv);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('autocrm-synthetics init <loginUrl>', () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-'));
  const targets = new Map<DesignName, RunningTarget>();

  beforeAll(async () => {
    for (const design of DESIGN_NAMES) targets.set(design, await startTarget({ design }));
  });
  afterEach(() => {
    for (const target of targets.values()) target.setFaults([]);
  });
  afterAll(async () => {
    for (const target of targets.values()) await target.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(DESIGN_NAMES.map((design) => [design]))(
    'design %s: writes a config that validates, pins what it found, and passes its own round',
    async (design) => {
      // Prepare
      const target = targets.get(design) as RunningTarget;
      const out = join(dir, design === 'd' ? 'not-yet/there' : '', `design-${design}.json`); // a folder init creates
      // Act
      const { code, out: printed } = await cli(['init', target.loginUrl, '--out', out, '--name', `design-${design}`]);
      // Assess
      expect(code).toBe(0);
      expect(printed).toMatch(/One round with .*: PASS/);
      expect(printed).toContain('no bandwidth endpoints: add bandwidth.downloadUrl');
      const [pinned] = loadConfigFile(out).targets;
      expect(pinned?.systemCheck.linkSelector).toBeTruthy();
      for (const check of ['browser', 'websocket', 'http'] as const) expect(pinned?.systemCheck.verdicts[check].selector).toBeTruthy();
      expect(pinned).toMatchObject({ loginUrl: target.loginUrl, websocket: { url: target.wsUrl }, http: { url: target.pingUrl } });
      const text = readFileSync(out, 'utf8');
      const schema = (JSON.parse(text) as { $schema: string }).$schema;
      expect(schema).toMatch(/config\/synthetics\.schema\.json$/);
      expect(existsSync(resolve(dirname(out), schema))).toBe(true);
      expect(text).not.toMatch(/credentials|password|demo/i);
      expect(chromiumChildren()).toEqual([]);
    },
  );

  it("points $schema at the package's schema file when run as the installed binary (from its build folder)", async () => {
    // Prepare
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'autocrm-synthetics.mjs');
    const out = join(dir, 'from-the-binary.json');
    // Act
    await promisify(execFile)(process.execPath, [bin, 'init', targets.get('a')!.loginUrl, '--out', out], { timeout: 120_000 });
    // Assess
    const schema = (JSON.parse(readFileSync(out, 'utf8')) as { $schema: string }).$schema;
    expect(existsSync(resolve(dirname(out), schema))).toBe(true);
    expect(readFileSync(resolve(dirname(out), schema), 'utf8')).toContain('"$schema"');
  });

  it('never overwrites a file without --force', async () => {
    // Prepare
    const out = join(dir, 'existing.json');
    writeFileSync(out, '{"mine": true}\n');
    // Act
    const refused = await cli(['init', targets.get('a')!.loginUrl, '--out', out]);
    // Assess
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/existing\.json exists; give --force to overwrite it/);
    expect(readFileSync(out, 'utf8')).toBe('{"mine": true}\n');
  });

  it('exits 1 on a page without a System-Check link, writing only the URL and saying what is missing', async () => {
    // Prepare
    const target = targets.get('b') as RunningTarget;
    target.setFaults(['no-system-check-link']);
    const out = join(dir, 'no-link.json');
    // Act
    const { code, out: printed } = await cli(['init', target.loginUrl, '--out', out, '--force']);
    // Assess
    expect(code).toBe(1);
    expect(printed).toMatch(/no System-Check link: set systemCheck.linkSelector/);
    expect(loadConfigFile(out).targets[0]).toMatchObject({ loginUrl: target.loginUrl, systemCheck: { verdicts: { browser: {} } } });
  });

  it('rejects a relative URL and an unknown browser as bad usage', async () => {
    // Act
    const relative = await cli(['init', 'crm.pl', '--out', join(dir, 'x.json')]);
    const browser = await cli(['init', 'http://127.0.0.1:9/', '--browser', 'chrome', '--out', join(dir, 'y.json')]);
    // Assess
    expect(relative.code).toBe(2);
    expect(relative.err).toMatch(/loginUrl: must be an absolute http\(s\) URL, got "crm.pl"/);
    expect(browser.code).toBe(2);
    expect(browser.err).toMatch(/--browser must be one of chromium, firefox, edge, got "chrome"/);
  });

  it('refuses an --out it cannot write before it probes anything', async () => {
    // Act: a folder as --out, against a port nothing listens on (a probe would end in exit 1 or 3)
    const folder = await cli(['init', 'http://127.0.0.1:9/', '--out', dir]);
    // Assess
    expect(folder.code).toBe(2);
    expect(folder.err).toMatch(/cannot write --out .*: it is a folder; name a file in it/);
    expect(folder.out).not.toMatch(/Discovering/);
  });
});
