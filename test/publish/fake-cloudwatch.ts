/**
 * A local stand-in for the CloudWatch endpoint on 127.0.0.1 that speaks what
 * `@aws-sdk/client-cloudwatch` sends: AWS JSON 1.0 (`X-Amz-Target: GraniteServiceVersion20100801.PutMetricData`,
 * body gzip-compressed above the SDK's 10 KiB threshold), answering `{}` or an AWS-style error. It
 * records every request, decoded, so tests can assert the exact wire content.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface WireDatum {
  MetricName: string;
  Dimensions?: Array<{ Name: string; Value: string }>;
  Unit?: string;
  Value?: number;
  Values?: number[];
  Counts?: number[];
  /** Epoch seconds: the JSON protocol's default timestamp format. */
  Timestamp?: number;
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
  close(): Promise<void>;
}

const ERROR_RESPONSES = {
  throttle: { status: 400, queryError: 'Throttling;Sender', type: 'com.amazon.coral.availability#ThrottlingException', message: 'Rate exceeded' },
  'server-error': { status: 500, queryError: 'InternalServiceError;Receiver', type: 'com.amazonaws.cloudwatch#InternalServiceFault', message: 'Internal failure' },
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
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
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
