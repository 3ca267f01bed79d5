/**
 * A local stand-in for the CloudWatch endpoint on 127.0.0.1 that speaks what
 * `@aws-sdk/client-cloudwatch` sends: AWS JSON 1.0 (`X-Amz-Target: GraniteServiceVersion20100801.PutMetricData`,
 * body gzip-compressed above the SDK's 10 KiB threshold), answering `{}` or an AWS-style error. It
 * records every request, decoded, so tests can assert the exact wire content.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { useAwsEnv } from './aws-env';

export interface WireDatum {
  MetricName: string;
  Dimensions?: Array<{ Name: string; Value: string }>;
  Unit?: string;
  Value?: number;
  Values?: number[];
  Counts?: number[];
  /** Epoch seconds: the JSON protocol's default timestamp format. */
  Timestamp?: number;
  /** 1 = high resolution; absent = standard. */
  StorageResolution?: number;
}

export interface RecordedRequest {
  readonly index: number;
  readonly target: string | undefined;
  readonly contentType: string | undefined;
  readonly contentEncoding: string | undefined;
  readonly authorization: string | undefined;
  /** The SDK's retry header, e.g. `attempt=2; max=3`. */
  readonly sdkRequest: string | undefined;
  readonly invocationId: string | undefined;
  readonly body: { Namespace: string; MetricData: WireDatum[] };
}

export type Action = 'ok' | 'throttle' | 'server-error' | 'hang';
/** What the endpoint does with the n-th request (0-based, in arrival order): answer, fail, or never answer. */
export type Behaviour = (index: number, body: RecordedRequest['body']) => Action;

export interface FakeCloudWatch {
  readonly url: string;
  readonly requests: RecordedRequest[];
  setBehaviour(behaviour: Behaviour): void;
  /** Delay before each answer, so concurrent requests overlap. */
  setDelayMs(delayMs: number): void;
  /** Most requests that were open at the same time. */
  maxInFlight(): number;
  /** Every datum of every request that was answered with success. */
  acceptedDatums(): WireDatum[];
  /** Forgets every request (and which were accepted, and the in-flight high-water mark); answers `ok` again, undelayed. */
  reset(): void;
  close(): Promise<void>;
}

const ERROR_RESPONSES = {
  throttle: {
    status: 400,
    queryError: 'Throttling;Sender',
    type: 'com.amazon.coral.availability#ThrottlingException',
    message: 'Rate exceeded',
  },
  'server-error': {
    status: 500,
    queryError: 'InternalServiceError;Receiver',
    type: 'com.amazonaws.cloudwatch#InternalServiceFault',
    message: 'Internal failure',
  },
} as const;

export async function startFakeCloudWatch(initial: Behaviour = () => 'ok'): Promise<FakeCloudWatch> {
  let behaviour = initial;
  let delayMs = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const requests: RecordedRequest[] = [];
  const accepted = new Set<number>();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    void readBody(req).then(async (raw) => {
      const index = requests.length;
      const encoding = header(req, 'content-encoding');
      const text = (encoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      requests.push({
        index,
        target: header(req, 'x-amz-target'),
        contentType: header(req, 'content-type'),
        contentEncoding: encoding,
        authorization: header(req, 'authorization'),
        sdkRequest: header(req, 'amz-sdk-request'),
        invocationId: header(req, 'amz-sdk-invocation-id'),
        body: JSON.parse(text) as RecordedRequest['body'],
      });
      const action = behaviour(index, requests[index]!.body);
      if (action === 'hang') return;
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (action === 'ok') {
        accepted.add(index);
        return respond(res, 200, {}, {});
      }
      const error = ERROR_RESPONSES[action];
      respond(res, error.status, { 'x-amzn-query-error': error.queryError }, { __type: error.type, message: error.message });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake CloudWatch has no TCP address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    setBehaviour: (next) => {
      behaviour = next;
    },
    setDelayMs: (next) => {
      delayMs = next;
    },
    maxInFlight: () => maxInFlight,
    acceptedDatums: () => requests.filter((r) => accepted.has(r.index)).flatMap((r) => r.body.MetricData),
    reset: () => {
      requests.length = 0;
      accepted.clear();
      maxInFlight = inFlight;
      behaviour = initial;
      delayMs = 0;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One request header as a string (repeated headers joined), for the local AWS fakes. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function respond(res: ServerResponse, status: number, headers: Record<string, string>, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': `req-${Math.random().toString(16).slice(2)}`,
    ...headers,
  });
  res.end(text);
}

/** What `useFakeCloudWatch` hands a test file: the endpoint and the EMF lines a publisher wrote. */
export interface FakeCloudWatchFixture {
  /** The running endpoint; set once `beforeAll` has run. */
  readonly fake: FakeCloudWatch;
  /** Pass as a publisher's `write`: collects its EMF lines. */
  readonly write: (line: string) => void;
  readonly emfLines: readonly string[];
}

/**
 * Registers the hooks every CloudWatch wire test needs: one fake endpoint for the file, the SDK
 * pointed at it with fake credentials, and a clean slate (no requests, no EMF lines, `ok` answers)
 * before each test.
 */
export function useFakeCloudWatch(): FakeCloudWatchFixture {
  const emfLines: string[] = [];
  let fake: FakeCloudWatch | undefined;
  let restoreEnv: () => void = () => undefined;
  beforeAll(async () => {
    fake = await startFakeCloudWatch();
    restoreEnv = useAwsEnv({ endpoint: fake.url });
  });
  afterAll(async () => {
    restoreEnv();
    await fake?.close();
  });
  beforeEach(() => {
    fake?.reset();
    emfLines.length = 0;
  });
  return {
    get fake(): FakeCloudWatch {
      if (!fake) throw new Error('useFakeCloudWatch: the endpoint starts in beforeAll; use it inside a test');
      return fake;
    },
    write: (line) => emfLines.push(line),
    emfLines,
  };
}
