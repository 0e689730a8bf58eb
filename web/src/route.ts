/** Hash routes: they need no server rewrite rules, locally or on CloudFront. */
import { useEffect, useState } from 'react';

export type Route = { page: 'queues' } | { page: 'ticket'; ref: string } | { page: 'supervisor' } | { page: 'canned' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const ticket = /^\/tiket\/(PRK-[0-9A-Z]{8})$/i.exec(path);
  if (ticket?.[1]) return { page: 'ticket', ref: ticket[1].toUpperCase() };
  if (path === '/supervisor') return { page: 'supervisor' };
  if (path === '/template') return { page: 'canned' };
  return { page: 'queues' };
}

export const href = {
  queues: '#/',
  ticket: (ref: string) => `#/tiket/${ref}`,
  supervisor: '#/supervisor',
  canned: '#/template',
};

export function go(to: string): void {
  if (window.location.hash !== to) window.location.hash = to;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
