/** Who is calling a public route, as API Gateway saw it: the key of the per-client quotas (stored only hashed). */
import type { RequestContext } from '@aws-lambda-powertools/event-handler/types';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export const clientOf = (reqCtx: RequestContext): string =>
  (reqCtx.event as APIGatewayProxyEventV2).requestContext?.http?.sourceIp ?? 'unknown';
