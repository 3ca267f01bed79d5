import { describe, expect, it } from 'vitest';
import { parseTargets } from '../../lambdas/core/config';
import { compactTargets } from '../../lib/compact-targets';
import { testConfig } from './fixtures';

describe('compactTargets', () => {
  it('leaves out defaults and restores to exactly the same targets', () => {
    // Prepare: a fully configured target plus one with non-default values everywhere it matters.
    const config = testConfig({
      targets: [
        { name: 'a', loginUrl: 'https://a.example.com/cgi-bin/xorg/crm.pl', websocket: { url: 'wss://a.example.com/ws' } },
        {
          name: 'b',
          loginUrl: 'https://b.example.com/login',
          timeouts: { roundMs: 15_000, navigationMs: 9_000 },
          websocket: { url: 'wss://b.example.com/ws', messages: 30 },
          thresholds: { loginTtfbMs: 900 },
          systemCheck: { link: 'Systemcheck' },
        },
      ],
      schedule: 2,
    });
    // Act
    const compact = compactTargets(config.targets);
    // Assess
    expect(compact[0]).toEqual({
      name: 'a',
      loginUrl: 'https://a.example.com/cgi-bin/xorg/crm.pl',
      websocket: { url: 'wss://a.example.com/ws' },
    });
    expect(compact[1]).toMatchObject({
      timeouts: { roundMs: 15_000, navigationMs: 9_000 },
      systemCheck: { link: 'Systemcheck' },
      thresholds: { loginTtfbMs: 900 },
    });
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(config.targets).length / 2);
    expect(parseTargets({ targets: compact })).toEqual(config.targets);
  });
});
