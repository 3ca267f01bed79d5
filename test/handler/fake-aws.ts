/**
 * Local stand-ins on 127.0.0.1 for the two AWS APIs the handler calls besides CloudWatch: S3
 * PutObject (path-style, as the SDK sends it with `forcePathStyle`) and Secrets Manager
 * GetSecretValue (AWS JSON 1.1). Each records what it received, decoded, so tests assert the wire.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { header, readBody } from '../publish/fake-cloudwatch';

/** Bucket name the handler tests configure (the fake S3 accepts any). */
export const FAKE_ARTIFACTS_BUCKET = 'probe-artifacts-test';

/** Endpoints of the local fakes; each one given is where the SDK sends that service's calls. */
export interface FakeEndpoints {
  readonly cloudwatch?: string;
  readonly s3?: string;
  readonly secretsManager?: string;
}

/**
 * The handler's environment with every AWS call going to the local fakes: static keys they accept,
 * a probe in eu-west-1 publishing to the home region eu-central-1, the test bucket and the
 * CloudWatch sink. `overrides` replace any of these.
 */
export function fakeAwsEnv(endpoints: FakeEndpoints, overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    ...(endpoints.cloudwatch ? { AWS_ENDPOINT_URL_CLOUDWATCH: endpoints.cloudwatch } : {}),
    ...(endpoints.s3 ? { AWS_ENDPOINT_URL_S3: endpoints.s3 } : {}),
    ...(endpoints.secretsManager ? { AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager } : {}),
    AWS_ACCESS_KEY_ID: 'AKIDLOCALTEST',
    AWS_SECRET_ACCESS_KEY: 'local-test-secret-key',
    AWS_REGION: 'eu-west-1',
    HOME_REGION: 'eu-central-1',
    ARTIFACTS_BUCKET: FAKE_ARTIFACTS_BUCKET,
    METRICS_SINK: 'cloudwatch',
    ...overrides,
  };
}

export interface StoredObject {
  readonly bucket: string;
  readonly key: string;
  readonly contentType: string | undefined;
  readonly serverSideEncryption: string | undefined;
  readonly acl: string | undefined;
  readonly body: Buffer;
}

export type S3Behaviour = 'ok' | 'server-error';

export interface FakeS3 {
  readonly url: string;
  readonly objects: StoredObject[];
  /** Requests seen, also the failed ones. */
  readonly attempts: () => number;
  setBehaviour(behaviour: S3Behaviour): void;
  close(): Promise<void>;
}

/** Decodes `aws-chunked` bodies (the SDK's streaming checksum encoding) to the raw bytes. */
function decodeAwsChunked(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (let guard = 0; guard < 100_000 && offset < raw.length; guard++) {
    const lineEnd = raw.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = Number.parseInt(raw.subarray(offset, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

export async function startFakeS3(): Promise<FakeS3> {
  let behaviour: S3Behaviour = 'ok';
  let attempts = 0;
  const objects: StoredObject[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      attempts += 1;
      if (behaviour === 'server-error') {
        return respond(
          res,
          500,
          'application/xml',
          '<?xml version="1.0"?><Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>',
        );
      }
      const [bucket = '', ...keyParts] = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
        .slice(1)
        .split('/');
      const chunked = String(req.headers['content-encoding'] ?? '').includes('aws-chunked');
      objects.push({
        bucket,
        key: keyParts.join('/'),
        contentType: header(req, 'content-type'),
        serverSideEncryption: header(req, 'x-amz-server-side-encryption'),
        acl: header(req, 'x-amz-acl'),
        body: chunked ? decodeAwsChunked(raw) : raw,
      });
      res.setHeader('ETag', '"0123456789abcdef"');
      respond(res, 200, 'application/xml', '');
    });
  });
  return { ...(await listen(server)), objects, attempts: () => attempts, setBehaviour: (next) => (behaviour = next) };
}

export interface FakeSecretsManager {
  readonly url: string;
  /** SecretIds asked for, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Answers GetSecretValue for `secrets` (ARN → SecretString); anything else is ResourceNotFound. */
export async function startFakeSecretsManager(secrets: Record<string, string>): Promise<FakeSecretsManager> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const { SecretId = '' } = JSON.parse(raw.toString('utf8') || '{}') as { SecretId?: string };
      requests.push(SecretId);
      const secret = secrets[SecretId];
      if (header(req, 'x-amz-target') !== 'secretsmanager.GetSecretValue' || secret === undefined) {
        return respond(
          res,
          400,
          'application/x-amz-json-1.1',
          JSON.stringify({ __type: 'ResourceNotFoundException', message: 'Secrets Manager can’t find the specified secret.' }),
        );
      }
      respond(
        res,
        200,
        'application/x-amz-json-1.1',
        JSON.stringify({ ARN: SecretId, Name: 'login', SecretString: secret, VersionId: 'v1' }),
      );
    });
  });
  return { ...(await listen(server)), requests };
}

async function listen(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake AWS endpoint has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function respond(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'x-amz-request-id': 'local' });
  res.end(body);
}
