/**
 * A local stand-in for the Lambda Invoke API (POST /2015-03-31/functions/{name}/invocations) on
 * 127.0.0.1. The real SDK client is pointed at it with AWS_ENDPOINT_URL_LAMBDA; one endpoint serves
 * every region, told apart by the region in the SigV4 credential scope of the Authorization header
 * (`Credential=AKID/20261127/eu-west-1/lambda/aws4_request`), which the client signs per region.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers for one region. */
export type RegionBehaviour =
  | { readonly kind: 'summary'; readonly body: unknown }
  | { readonly kind: 'function-error'; readonly errorType: string; readonly errorMessage: string }
  | { readonly kind: 'service-error'; readonly status: number; readonly code: string; readonly message: string }
  /** Accepts the request and never answers (a hung invocation). */
  | { readonly kind: 'hang' }
  /** Answers 200 with this raw body (e.g. something that is not a summary). */
  | { readonly kind: 'raw'; readonly text: string };

export interface RecordedInvoke {
  readonly region: string | undefined;
  readonly functionName: string;
  readonly invocationType: string | undefined;
  readonly payload: unknown;
}

export interface FakeLambda {
  readonly endpoint: string;
  readonly requests: RecordedInvoke[];
  close(): Promise<void>;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/** The region of the SigV4 credential scope, the way AWS itself routes a signed request. */
export function signingRegion(authorization: string | undefined): string | undefined {
  return /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/lambda\/aws4_request/.exec(authorization ?? '')?.[1];
}

export async function startFakeLambda(behaviours: Readonly<Record<string, RegionBehaviour>>): Promise<FakeLambda> {
  const requests: RecordedInvoke[] = [];
  const server = createServer((request, response) => {
    void handle(request, response, behaviours, requests);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  behaviours: Readonly<Record<string, RegionBehaviour>>,
  requests: RecordedInvoke[],
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const match = INVOKE_PATH.exec(request.url ?? '');
  if (request.method !== 'POST' || !match)
    return send(
      response,
      404,
      { message: `no route ${request.method} ${request.url}` },
      { 'x-amzn-ErrorType': 'UnknownOperationException' },
    );
  const region = signingRegion(request.headers.authorization);
  const functionName = decodeURIComponent(match[1] ?? '');
  const text = Buffer.concat(chunks).toString('utf8');
  requests.push({
    region,
    functionName,
    invocationType: request.headers['x-amz-invocation-type'] as string | undefined,
    payload: text ? JSON.parse(text) : undefined,
  });
  // A behaviour for one function of a region (`eu-west-1/autocrm-synthetics-probe-firefox`) wins over the region's.
  const behaviour = region === undefined ? undefined : (behaviours[`${region}/${functionName}`] ?? behaviours[region]);
  if (!behaviour) {
    return send(
      response,
      404,
      { Type: 'User', message: `Function not found: arn:aws:lambda:${region}:000000000000:function:${functionName}` },
      { 'x-amzn-ErrorType': 'ResourceNotFoundException' },
    );
  }
  if (behaviour.kind === 'hang') return;
  if (behaviour.kind === 'raw') {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(behaviour.text) });
    return void response.end(behaviour.text);
  }
  if (behaviour.kind === 'summary') return send(response, 200, behaviour.body, { 'X-Amz-Executed-Version': '$LATEST' });
  if (behaviour.kind === 'function-error') {
    // Lambda answers 200 with the error in the body and the X-Amz-Function-Error header.
    return send(
      response,
      200,
      { errorType: behaviour.errorType, errorMessage: behaviour.errorMessage, trace: [] },
      { 'X-Amz-Function-Error': 'Unhandled' },
    );
  }
  return send(response, behaviour.status, { message: behaviour.message }, { 'x-amzn-ErrorType': behaviour.code });
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': 'fake-request',
    ...headers,
  });
  response.end(text);
}
