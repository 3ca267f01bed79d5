import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Deadline } from '../core/deadline';
import type { ArtifactRef } from '../core/types';
import type { ArtifactStore } from '../round/ports';
import { ARTIFACT_RESERVE_MS } from './round-deadline';

/** What the engine hands over after a failed round (lambdas/probe/artifacts.ts `ArtifactBlob`). */
export interface ArtifactBlobLike {
  readonly kind: 'screenshot' | 'html';
  readonly fileName: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/** Where one round's artifacts go. */
export interface ArtifactKeyParts {
  readonly location: string;
  readonly target: string;
  /** ISO timestamp of the round start; its UTC date forms the yyyy/mm/dd part. */
  readonly startedAt: string;
  readonly runId: string;
  readonly fileName: string;
}

/** Outcome of storing one round's artifacts: what landed, and what did not (never thrown). */
export interface ArtifactStoreOutcome {
  readonly refs: readonly ArtifactRef[];
  readonly errors: readonly string[];
}

/** One upload is bounded so a slow S3 cannot delay publishing the round's datapoints. */
export const ARTIFACT_UPLOAD_TIMEOUT_MS = 4_000;

/** A key segment holds no `/` and nothing S3 treats specially; target names are short already. */
function segment(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return cleaned.slice(0, 100) || 'unnamed';
}

/** `location/target/yyyy/mm/dd/runId/fileName`, date in UTC (so keys sort by day across regions). */
export function artifactKey(parts: ArtifactKeyParts): string {
  const date = new Date(parts.startedAt);
  const day = Number.isNaN(date.getTime()) ? new Date(0) : date;
  const yyyy = String(day.getUTCFullYear());
  const mm = String(day.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(day.getUTCDate()).padStart(2, '0');
  return [segment(parts.location), segment(parts.target), yyyy, mm, dd, segment(parts.runId), segment(parts.fileName)].join('/');
}

export interface StoreArtifactsOptions {
  readonly bucket: string;
  readonly client: S3Client;
  readonly key: Omit<ArtifactKeyParts, 'fileName'>;
  /** Upper bound for each upload; the caller passes what is left of the round. */
  readonly timeoutMs?: number;
}

/**
 * Uploads each blob privately (no ACL, bucket policy blocks public access), encrypted by the bucket's
 * default encryption. A failed upload becomes an entry in `errors`; it never stops the round from publishing.
 */
export async function storeArtifacts(blobs: readonly ArtifactBlobLike[], options: StoreArtifactsOptions): Promise<ArtifactStoreOutcome> {
  const refs: ArtifactRef[] = [];
  const errors: string[] = [];
  const timeoutMs = Math.max(1, Math.min(options.timeoutMs ?? ARTIFACT_UPLOAD_TIMEOUT_MS, ARTIFACT_UPLOAD_TIMEOUT_MS));
  await Promise.all(
    blobs.map(async (blob) => {
      const key = artifactKey({ ...options.key, fileName: blob.fileName });
      try {
        await options.client.send(
          new PutObjectCommand({
            Bucket: options.bucket,
            Key: key,
            Body: blob.body,
            ContentType: blob.contentType,
            // No ServerSideEncryption header: the bucket's default encryption applies (SSE-S3, or the
            // region's KMS key with hardening.kmsKey); an explicit AES256 would override the key.
          }),
          { abortSignal: AbortSignal.timeout(timeoutMs) },
        );
        refs.push({ kind: blob.kind, key, bytes: blob.body.byteLength });
      } catch (error) {
        const reason = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
        errors.push(`s3://${options.bucket}/${key}: ${reason}`);
      }
    }),
  );
  refs.sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
  return { refs, errors };
}

let cachedClient: S3Client | undefined;

/**
 * One S3 client per container (connection reuse across rounds). AWS_ENDPOINT_URL_S3 redirects it
 * (tests); path-style addressing then, because a local endpoint has no per-bucket host names.
 */
export function artifactsClient(env: NodeJS.ProcessEnv = process.env): S3Client {
  cachedClient ??= new S3Client({
    region: env.AWS_REGION,
    forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL),
    maxAttempts: 2,
  });
  return cachedClient;
}

/** Where the handler's rounds put their evidence: the bucket when one is set, else nowhere (and the result says so). */
export interface LambdaArtifactStoreOptions {
  /** ARTIFACTS_BUCKET; undefined = artifacts are not stored. */
  readonly bucket: string | undefined;
  readonly client: () => S3Client;
  /** The invocation's deadline; uploads may also use its artifact reserve. */
  readonly deadline: Deadline;
}

/** The artifacts port of the Lambda handler (lambdas/round/ports.ts `ArtifactStore`). */
export function lambdaArtifactStore(options: LambdaArtifactStoreOptions): ArtifactStore {
  const { bucket } = options;
  if (!bucket) {
    return { store: async (blobs) => ({ refs: [], errors: [`${blobs.length} artifact(s) not stored: ARTIFACTS_BUCKET is not set`] }) };
  }
  return {
    // The invocation deadline already excludes the safety margin; uploads may use its artifact share.
    store: (blobs, key) =>
      storeArtifacts(blobs, { bucket, client: options.client(), key, timeoutMs: options.deadline.remainingMs() + ARTIFACT_RESERVE_MS }),
  };
}
