/**
 * /config.json, written at deploy (CDK: lib/constructs/console-site.ts) or served by the local
 * stack (local/console-server.ts): where the API is and how agents sign in.
 */
export interface LocalConfig {
  mode: 'local';
  /** '' = the same origin as the console. */
  apiUrl: string;
}

export interface CognitoConfig {
  mode: 'cognito';
  apiUrl: string;
  cognito: {
    /** Managed login base URL, e.g. https://prefix.auth.region.amazoncognito.com */
    domain: string;
    /** The user pool's issuer (https://cognito-idp.<region>.amazonaws.com/<pool id>): ID tokens name it. */
    issuer: string;
    clientId: string;
    /** Allowed redirect URIs (the app client's callback URLs); the console uses the one for its origin. */
    redirectUris: string[];
    scopes: string[];
  };
}

export type ConsoleConfig = LocalConfig | CognitoConfig;

export function parseConfig(raw: unknown): ConsoleConfig {
  const c = (raw ?? {}) as Omit<Partial<CognitoConfig>, 'mode'> & { mode?: string };
  if (c.mode === 'local') return { mode: 'local', apiUrl: typeof c.apiUrl === 'string' ? c.apiUrl : '' };
  if (c.mode === 'cognito' && c.cognito && typeof c.apiUrl === 'string') {
    const g = c.cognito;
    if (
      typeof g.domain === 'string' &&
      typeof g.issuer === 'string' &&
      typeof g.clientId === 'string' &&
      Array.isArray(g.redirectUris)
    ) {
      return {
        mode: 'cognito',
        apiUrl: c.apiUrl.replace(/\/+$/, ''),
        cognito: {
          domain: g.domain.replace(/\/+$/, ''),
          issuer: g.issuer,
          clientId: g.clientId,
          redirectUris: g.redirectUris.map(String),
          scopes: Array.isArray(g.scopes) ? g.scopes.map(String) : ['openid', 'email', 'profile'],
        },
      };
    }
  }
  throw new Error('config.json is not a console configuration');
}

/** The callback URL for this page's origin, if the app client allows it; else the first allowed. */
export function redirectUriFor(origin: string, allowed: readonly string[]): string {
  return (
    allowed.find((u) => u.replace(/\/+$/, '') === origin) ??
    allowed.find((u) => u.startsWith(`${origin}/`)) ??
    allowed[0] ??
    `${origin}/`
  );
}
