/**
 * The participants' status page on the public HTTP API, as HTML (core/pages/status-page.ts renders
 * it): GET /cek/{ref} asks for the email or phone used and reads nothing; POST /cek/{ref} with
 * `kontak` shows the status when it matches the ticket. An unknown reference and a contact that
 * does not match get the same page with the same status code (404) after the same single read.
 *
 * Read-only, so a forged cross-site form post gains nothing (no CSRF token). The headers keep the
 * reference in the address bar: no Referer to anyone, no framing, no caching of the answer.
 */
import type { Router } from '@aws-lambda-powertools/event-handler/http';
import type { RequestContext } from '@aws-lambda-powertools/event-handler/types';
import type { AgentApi, ParticipantView } from '#app/agent-api.ts';
import { AppError } from '#app/errors.ts';
import {
  renderBadLink,
  renderStatusForm,
  renderStatusView,
  STATUS_PAGE_CSP,
  type StatusFormNotice,
} from '#core/pages/status-page.ts';
import { isTicketRef } from '#core/ticket.ts';
import { clientOf } from './client-ip.ts';

export const STATUS_PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': STATUS_PAGE_CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000',
  'cache-control': 'no-store',
};

/** The longest form body read: a contact is at most 320 characters, URL-encoded up to three times that. */
const MAX_FORM_BYTES = 2048;

const htmlPage = (status: number, body: string) => new Response(body, { status, headers: STATUS_PAGE_HEADERS });

/** The path's reference in upper case, or null when it is not one (a cut-off or mistyped link). */
function refOf(reqCtx: RequestContext): string | null {
  const ref = (reqCtx.params.ref ?? '').toUpperCase();
  return isTicketRef(ref) ? ref : null;
}

/** The `kontak` field of a form post; empty when absent or when the body is not a small form. */
async function contactOf(reqCtx: RequestContext): Promise<string> {
  const body = await reqCtx.req.text();
  if (body.length > MAX_FORM_BYTES) return '';
  return (new URLSearchParams(body).get('kontak') ?? '').trim();
}

const NOTICE_BY_ERROR: Partial<Record<AppError['kind'], [number, StatusFormNotice]>> = {
  InvalidInput: [400, 'bad_contact'],
  NotFound: [404, 'not_found'],
  TooManyRequests: [429, 'too_many'],
};

export function statusPageRoutes(app: Router, service: AgentApi): void {
  app.get('/cek/:ref', async (reqCtx) => {
    const ref = refOf(reqCtx);
    return ref ? htmlPage(200, renderStatusForm(ref)) : htmlPage(404, renderBadLink());
  });

  app.post('/cek/:ref', async (reqCtx) => {
    const ref = refOf(reqCtx);
    if (!ref) return htmlPage(404, renderBadLink());
    const contact = await contactOf(reqCtx);
    if (!contact) return htmlPage(400, renderStatusForm(ref, 'no_contact'));
    let view: ParticipantView;
    try {
      view = await service.participantView(ref, contact, clientOf(reqCtx));
    } catch (err) {
      const mapped = err instanceof AppError ? NOTICE_BY_ERROR[err.kind] : undefined;
      if (!mapped) throw err;
      return htmlPage(mapped[0], renderStatusForm(ref, mapped[1]));
    }
    return htmlPage(200, renderStatusView(view));
  });
}
