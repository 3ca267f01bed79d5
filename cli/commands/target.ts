import { didYouMeanHint } from '../../lambdas/core/did-you-mean';
import { EXIT_CODES } from '../../lambdas/core/exit-codes';
import {
  DESIGNS,
  DesignError,
  FAULT_SPECS,
  FaultError,
  parseDesign,
  startTarget,
  TargetStartError,
  TLS_MODES,
  type DesignName,
  type RunningTarget,
  type TlsMode,
} from '../../target';
import { parseCommandArgs, parseIntegerOption, UsageError } from '../args';
import type { Command } from '../command';

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  fault: { type: 'string', multiple: true },
  tls: { type: 'string' },
  design: { type: 'string' },
} as const;

function faultLines(): string[] {
  return Object.entries(FAULT_SPECS).map(([name, spec]) => {
    const shown = spec.value === 'none' ? name : `${name}=${spec.value.toUpperCase()}`;
    return `  ${shown.padEnd(24)}${spec.effect}`;
  });
}

function designLines(): string[] {
  return Object.values(DESIGNS).map((design) => `  ${design.name.padEnd(24)}${design.summary}`);
}

const USAGE = [
  'Usage: autocrm-synthetics target [--host H] [--port P] [--fault NAME[=VALUE]]... [--tls off|self-signed|expired] [--design a|b|c|d]',
  '',
  'Serves the reference target (a local stand-in for autocrm: login page, System-Check page, /ws echo,',
  '/api/ping, /download, /upload; designs b, c and d use their own page and check paths) until Ctrl+C',
  '(SIGINT) or SIGTERM, then closes every connection.',
  '',
  'Options:',
  '  --host H       interface to listen on (default 127.0.0.1)',
  '  --port P       port from 0 to 65535; 0 picks a free one (default 0)',
  '  --fault F      inject a fault, NAME or NAME=VALUE; repeat to combine',
  '  --tls MODE     off (default), self-signed, or expired: HTTPS and wss with a certificate made at start',
  '  --design D     page design to serve (default a); every fault works in every design',
  '',
  'Designs:',
  ...designLines(),
  '',
  'Faults:',
  ...faultLines(),
  '',
  'Demo login: user "demo" (password in docs/target.md).',
].join('\n');

/** The validated options of one `target` invocation. */
export interface TargetCommandOptions {
  readonly host: string;
  readonly port: number;
  readonly faults: readonly string[];
  readonly tls: TlsMode;
  /** Absent means the default design (a). */
  readonly design?: DesignName;
}

function parseTls(raw: string | undefined): TlsMode {
  if (raw === undefined) return 'off';
  const mode = TLS_MODES.find((candidate) => candidate === raw);
  if (!mode) throw new UsageError(`--tls must be one of ${TLS_MODES.join(', ')}, got "${raw}".${didYouMeanHint(raw, TLS_MODES)}`);
  return mode;
}

function parseDesignOption(raw: string): DesignName {
  try {
    return parseDesign(raw);
  } catch (error) {
    if (error instanceof DesignError) throw new UsageError(`--design: ${error.message}`);
    throw error;
  }
}

/** Parses the command line of `target` or throws a UsageError that states the rule. */
export function parseTargetArgs(argv: readonly string[]): TargetCommandOptions {
  const { values } = parseCommandArgs(argv, OPTIONS);
  return {
    host: values.host ?? '127.0.0.1',
    port: values.port === undefined ? 0 : parseIntegerOption('port', values.port, 0, 65_535),
    faults: values.fault ?? [],
    tls: parseTls(values.tls),
    design: values.design === undefined ? undefined : parseDesignOption(values.design),
  };
}

/** Starts the target for the CLI; fault and listen problems become UsageErrors (exit code 2). */
export async function startFromOptions(options: TargetCommandOptions): Promise<RunningTarget> {
  try {
    return await startTarget(options);
  } catch (error) {
    if (error instanceof FaultError) throw new UsageError(`--fault: ${error.message}`);
    if (error instanceof TargetStartError) throw new UsageError(error.message);
    throw error;
  }
}

function describe(target: RunningTarget, tls: TlsMode): string {
  const faults = target.activeFaults();
  return [
    'autocrm reference target is running.',
    `  login page:    ${target.loginUrl}`,
    `  design:        ${target.design}`,
    `  System-Check:  ${target.systemCheckUrl}`,
    `  WebSocket:     ${target.wsUrl}`,
    `  faults:        ${faults.length > 0 ? faults.join(', ') : 'none'}`,
    `  TLS:           ${tls}`,
    'Press Ctrl+C to stop.',
  ].join('\n');
}

/** Resolves on the first SIGINT or SIGTERM, and removes its listeners again. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `autocrm-synthetics target`: serve the reference target until Ctrl+C or SIGTERM. */
export const targetCommand: Command = {
  summary: 'serve the reference target (autocrm stand-in) with optional faults',
  usage: USAGE,
  async run(argv) {
    const options = parseTargetArgs(argv);
    const target = await startFromOptions(options);
    console.log(describe(target, options.tls));
    const signal = await untilSignal();
    console.log(`Received ${signal}, closing …`);
    await target.close();
    console.log('Closed.');
    return EXIT_CODES.pass;
  },
};
