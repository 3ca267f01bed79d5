/** Shared inputs for the config tests: a valid config that uses every section, fresh on every call. */
export function validRawConfig(): Record<string, unknown> {
  return {
    probeRegions: ['eu-central-1', 'eu-west-1', 'eu-west-3'],
    alarms: { critical: { emails: ['oncall@example.com'], httpsUrls: ['https://events.pagerduty.com/integration/abc/enqueue'] } },
    targets: [validRawTarget('autocrm')],
  };
}

export function validRawTarget(name: string): Record<string, unknown> {
  return {
    name,
    loginUrl: 'https://crm.example/cgi-bin/xorg/crm.pl',
    credentials: { usernameEnv: 'AUTOCRM_USERNAME', passwordEnv: 'AUTOCRM_PASSWORD' },
    websocket: { url: 'wss://crm.example/ws' },
    http: { url: 'https://crm.example/api/ping' },
    bandwidth: { downloadUrl: 'https://crm.example/download?bytes={bytes}', uploadUrl: 'https://crm.example/upload' },
  };
}

/** A raw target whose measurement sections a test can reach into and break. */
export interface RawTarget {
  [key: string]: unknown;
  websocket: Record<string, unknown>;
  http: Record<string, unknown>;
  bandwidth: Record<string, unknown>;
}

/** The first target of a raw config built by {@link validRawConfig}. */
export function firstTarget(config: Record<string, unknown>): RawTarget {
  return (config.targets as RawTarget[])[0] as RawTarget;
}

/** Runs `parse` and returns the thrown error, failing the test when nothing is thrown. */
export function thrown(parse: () => unknown): unknown {
  try {
    parse();
  } catch (error) {
    return error;
  }
  throw new Error('expected a ConfigError, but the input was accepted');
}
