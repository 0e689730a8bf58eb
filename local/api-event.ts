/**
 * Builds the API Gateway HTTP API (payload v2) event a request becomes on AWS, with the JWT
 * claims where the authorizer puts them. Used by the local API server and by tests.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

export interface ApiRequest {
  method: string;
  /** Path with optional query string, e.g. `/status/PRK-XXXXXXXX?contact=...`. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
  claims?: Record<string, unknown>;
  sourceIp?: string;
}

/**
 * Bodies API Gateway (HTTP API, payload 2.0) passes as text; any other body, a form post
 * (application/x-www-form-urlencoded) included, reaches the function base64-encoded.
 */
const PASSED_AS_TEXT = /^\s*(?:text\/|application\/(?:json|xml|javascript)\b)/i;

export function apiEvent(r: ApiRequest): APIGatewayProxyEventV2WithJWTAuthorizer {
  const [rawPath = '/', rawQueryString = ''] = r.url.split('?');
  const headers = { host: 'localhost', 'content-type': 'application/json', ...r.headers };
  const base64 = r.body !== undefined && !PASSED_AS_TEXT.test(headers['content-type']);
  const query = new URLSearchParams(rawQueryString);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    queryStringParameters: rawQueryString ? Object.fromEntries(query.entries()) : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: r.method.toUpperCase(),
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: r.sourceIp ?? '127.0.0.1',
        userAgent: 'local',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: {
        jwt: { claims: (r.claims ?? {}) as Record<string, string>, scopes: [] },
        principalId: '',
        integrationLatency: 0,
      },
    },
    body: base64 ? Buffer.from(r.body ?? '', 'utf8').toString('base64') : r.body,
    isBase64Encoded: base64,
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}
