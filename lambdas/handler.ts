// Placeholder until the Lambda handler lands (issue 5): the CDK app bundles this entry point.
import type { ProbeResult } from './core/types';

export interface HandlerSummary {
  readonly ok: boolean;
  readonly location: string;
  readonly results: readonly ProbeResult[];
}

export async function handler(_event: unknown): Promise<HandlerSummary> {
  throw new Error('not implemented yet');
}
