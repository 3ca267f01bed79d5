/**
 * The production secrets reader: Secrets Manager, in the secret's own region, bounded in time. The
 * rules for which credentials a round uses live with the round (lambdas/round/credentials.ts).
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretReader } from '../round/ports';

/** Region of a Secrets Manager ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME). */
export function regionOfArn(arn: string): string | undefined {
  return arn.split(':')[3] || undefined;
}

/** Reads one secret's SecretString; a binary secret is refused. */
export const readSecretFromAws: SecretReader = async (arn, timeoutMs) => {
  const client = new SecretsManagerClient({ region: regionOfArn(arn) ?? process.env.AWS_REGION, maxAttempts: 2 });
  try {
    const output = await client.send(new GetSecretValueCommand({ SecretId: arn }), {
      abortSignal: AbortSignal.timeout(timeoutMs),
    });
    if (output.SecretString === undefined) throw new Error('the secret has no SecretString (binary secrets are not supported)');
    return output.SecretString;
  } finally {
    client.destroy();
  }
};
