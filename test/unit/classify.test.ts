import { describe, expect, it } from 'vitest';
import { classifyError, httpStatusKind, netErrorCode, roundStatus, runExitCode, verdictKind } from '../../lambdas/core/classify';

describe('classifyError', () => {
  it.each([
    ['page.goto: net::ERR_NAME_NOT_RESOLVED at https://nope.invalid/', 'dns'],
    ['page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/', 'connect'],
    ['page.goto: net::ERR_CONNECTION_RESET at http://127.0.0.1:9/', 'connect'],
    ['page.goto: net::ERR_ADDRESS_UNREACHABLE at http://10.0.0.1/', 'connect'],
    ['page.goto: net::ERR_EMPTY_RESPONSE at http://127.0.0.1:9/', 'connect'],
    ['page.goto: net::ERR_CERT_AUTHORITY_INVALID at https://127.0.0.1/', 'tls'],
    ['page.goto: net::ERR_CERT_DATE_INVALID at https://127.0.0.1/', 'tls'],
    ['page.goto: net::ERR_SSL_PROTOCOL_ERROR at https://127.0.0.1/', 'tls'],
    ['page.goto: net::ERR_TOO_MANY_REDIRECTS at http://127.0.0.1/', 'http_status'],
    ['page.goto: net::ERR_TIMED_OUT at http://127.0.0.1/', 'timeout'],
    ['page.goto: net::ERR_CONTENT_LENGTH_MISMATCH at http://127.0.0.1/', 'content'],
  ] as const)('maps "%s" to %s', (message, kind) => {
    // Act
    const result = classifyError({ name: 'Error', message }, 'content');
    // Assess
    expect(result).toBe(kind);
  });

  it('maps Playwright timeouts and deadline errors to timeout, by name or by wording', () => {
    // Act + Assess
    expect(classifyError({ name: 'TimeoutError', message: 'page.click: waiting' }, 'content')).toBe('timeout');
    expect(classifyError({ name: 'DeadlineExceededError', message: 'round over' }, 'content')).toBe('timeout');
    expect(classifyError({ name: 'AbortError', message: 'This operation was aborted' }, 'http')).toBe('timeout');
    expect(classifyError({ message: 'page.goto: Timeout 2000ms exceeded.' }, 'content')).toBe('timeout');
  });

  it('keeps our own faults apart from the target: launch errors and a vanished browser are probe_error', () => {
    // Act + Assess
    expect(classifyError({ name: 'BrowserLaunchError', message: 'Chromium would not start' }, 'content')).toBe('probe_error');
    expect(classifyError({ name: 'ConfigError', message: 'targets[0].name is missing' }, 'timeout')).toBe('probe_error');
    expect(classifyError({ name: 'ProbeError', message: 'Timeout 5ms exceeded' }, 'content')).toBe('probe_error');
    expect(classifyError({ message: 'page.evaluate: Target page, context or browser has been closed' }, 'content')).toBe('probe_error');
  });

  it('uses the step fallback for unknown errors and unknown net codes, and content for a crashed page', () => {
    // Act + Assess
    expect(classifyError({ message: 'something odd' }, 'websocket')).toBe('websocket');
    expect(classifyError({ name: 'Error', message: 'something odd' }, 'websocket')).toBe('websocket');
    expect(classifyError({ name: 'TypeError', message: 'x is not a function' }, 'content')).toBe('content');
    expect(classifyError({ message: 'net::ERR_BLOCKED_BY_CLIENT' }, 'http')).toBe('http');
    expect(classifyError({ message: 'page.evaluate: Target crashed' }, 'timeout')).toBe('content');
  });

  it('finds the net error code inside a longer message', () => {
    // Act + Assess
    expect(netErrorCode('page.goto: net::ERR_CERT_DATE_INVALID at https://x/\nCall log:')).toBe('ERR_CERT_DATE_INVALID');
    expect(netErrorCode('no code here')).toBeUndefined();
  });
});

describe('httpStatusKind', () => {
  it('treats 4xx, 5xx and a missing response as http_status and 2xx/3xx as fine', () => {
    // Act + Assess
    expect(httpStatusKind(500)).toBe('http_status');
    expect(httpStatusKind(404)).toBe('http_status');
    expect(httpStatusKind(null)).toBe('http_status');
    expect(httpStatusKind(200)).toBeUndefined();
    expect(httpStatusKind(304)).toBeUndefined();
  });

  it.each([
    [199, undefined],
    [200, undefined],
    [399, undefined],
    [400, 'http_status'],
    [401, 'http_status'],
    [499, 'http_status'],
    [500, 'http_status'],
    [599, 'http_status'],
  ])('draws the line at 400: status %i is %s', (status, kind) => {
    expect(httpStatusKind(status)).toBe(kind);
  });
});

describe('verdictKind', () => {
  it('reports the first failing verdict in reading order, browser first', () => {
    // Act + Assess
    expect(verdictKind({ browser: false, websocket: false, http: false })).toBe('browser_unsupported');
    expect(verdictKind({ browser: true, websocket: false, http: false })).toBe('websocket');
    expect(verdictKind({ browser: true, websocket: true, http: false })).toBe('http');
    expect(verdictKind({ browser: true, websocket: true, http: true })).toBeUndefined();
    expect(verdictKind({ browser: null, websocket: true, http: null })).toBeUndefined();
  });
});

describe('roundStatus', () => {
  it('derives pass, degraded, fail and error', () => {
    // Act + Assess
    expect(roundStatus(null, [])).toBe('pass');
    expect(roundStatus(null, ['bandwidth'])).toBe('degraded');
    expect(roundStatus({ kind: 'http_status', step: 'login_page', message: '500' }, ['bandwidth'])).toBe('fail');
    expect(roundStatus({ kind: 'probe_error', step: 'launch', message: 'no chromium' }, [])).toBe('error');
  });
});

describe('runExitCode', () => {
  it('returns 0 for pass and degraded, 1 when any target failed (even beside a probe error), 3 for probe errors only', () => {
    // Act + Assess
    expect(runExitCode(['pass', 'degraded'])).toBe(0);
    expect(runExitCode(['pass', 'fail'])).toBe(1);
    expect(runExitCode(['error', 'fail'])).toBe(1);
    expect(runExitCode(['pass', 'error'])).toBe(3);
    expect(runExitCode([])).toBe(0);
  });
});
