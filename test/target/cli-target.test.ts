import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../cli/args';
import { main } from '../../cli/main';
import { parseTargetArgs, targetCommand } from '../../cli/commands/target';
import { FAULT_NAMES, startTarget } from '../../target/index';
import { rawRequest } from './helpers';

const BIN = fileURLToPath(new URL('../../bin/autocrm-synthetics.mjs', import.meta.url));

describe('autocrm-synthetics target', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('defaults to 127.0.0.1, a free port, no faults and no TLS', () => {
    expect(parseTargetArgs([])).toEqual({ host: '127.0.0.1', port: 0, faults: [], tls: 'off' });
  });

  it('collects repeated --fault options and the TLS mode', () => {
    const options = parseTargetArgs(['--fault', 'ws-delay=250', '--fault', 'http-500', '--tls', 'expired', '--port', '8080']);

    expect(options).toEqual({ host: '127.0.0.1', port: 8080, faults: ['ws-delay=250', 'http-500'], tls: 'expired' });
  });

  it.each([
    [['--port', '70000'], /--port must be a whole number from 0 to 65535, got "70000"/],
    [['--tls', 'self-signd'], /--tls must be one of off, self-signed, expired, got "self-signd"\. Did you mean "self-signed"\?/],
    [['--faults', 'hang'], /unknown option --faults\. Did you mean "--fault"\?/],
  ])('rejects %j with a UsageError', (argv, message) => {
    expect(() => parseTargetArgs(argv)).toThrow(UsageError);
    expect(() => parseTargetArgs(argv)).toThrow(message);
  });

  it('exits 2 on an unknown fault, with a did-you-mean and no stack trace', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));

    const code = await main(['target', '--fault', 'ws-silnet']);

    expect(code).toBe(2);
    expect(errors[0]).toMatch(/^autocrm-synthetics target: --fault: unknown fault "ws-silnet"\. Did you mean "ws-silent"\?/);
    expect(errors.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a bad fault value and on a port in use', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const busy = await startTarget();
    try {
      expect(await main(['target', '--fault', 'ws-delay=abc'])).toBe(2);
      expect(await main(['target', '--port', new URL(busy.origin).port])).toBe(2);
    } finally {
      await busy.close();
    }
  });

  it('documents every fault and option in --help', () => {
    for (const name of FAULT_NAMES) expect(targetCommand.usage).toContain(`  ${name}`);
    for (const option of ['--host', '--port', '--fault', '--tls']) expect(targetCommand.usage).toContain(option);
  });

  it('serves until SIGINT, printing the login URL and faults, then closes and exits 0', async () => {
    // Prepare
    const child = spawn(process.execPath, [BIN, 'target', '--fault', 'ws-silent', '--fault', 'login-slow=10'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const deadline = Date.now() + 30_000;
      while (!/Press Ctrl\+C/.test(stdout) && Date.now() < deadline && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const loginUrl = /login page:\s+(\S+)/.exec(stdout)?.[1] ?? '';

      // Act
      const page = await rawRequest(loginUrl);
      child.kill('SIGINT');
      const code = await exited;

      // Assess
      expect(loginUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cgi-bin\/xorg\/crm\.pl$/);
      expect(stdout).toContain('faults:        ws-silent, login-slow=10');
      expect(page.status).toBe(200);
      expect(code).toBe(0);
      expect(stdout).toContain('Closed.');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
