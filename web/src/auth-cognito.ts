/**
 * Deployed sign-in: Cognito managed login, OAuth 2.0 authorization code with PKCE (S256), a
 * public app client (no secret). oidc-client-ts does the protocol (state, PKCE, code exchange,
 * refresh); it is loaded only in this mode, so the local console does not carry it. The API gets
 * the access token: it carries `cognito:groups`, and API Gateway's JWT authorizer checks its
 * `client_id` against the app client.
 */
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { type CognitoConfig, redirectUriFor } from './config.ts';

export interface CognitoSession {
  /** Completes a sign-in redirect if this page load is one; the access token when signed in. */
  restore(): Promise<string | null>;
  signIn(): Promise<void>;
  token(): Promise<string | null>;
  signOut(): Promise<void>;
}

export function cognitoSession(config: CognitoConfig, location: Location): CognitoSession {
  const c = config.cognito;
  const redirectUri = redirectUriFor(location.origin, c.redirectUris);
  const manager = new UserManager({
    authority: c.issuer,
    client_id: c.clientId,
    redirect_uri: redirectUri,
    post_logout_redirect_uri: redirectUri,
    response_type: 'code',
    scope: c.scopes.join(' '),
    // Cognito's OAuth endpoints live on the managed login domain; given here, no discovery call is needed.
    metadata: {
      issuer: c.issuer,
      authorization_endpoint: `${c.domain}/oauth2/authorize`,
      token_endpoint: `${c.domain}/oauth2/token`,
      revocation_endpoint: `${c.domain}/oauth2/revoke`,
      userinfo_endpoint: `${c.domain}/oauth2/userInfo`,
    },
    loadUserInfo: false,
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });

  const current = async () => {
    const user = await manager.getUser();
    return user && !user.expired ? user.access_token : null;
  };

  return {
    async restore() {
      const params = new URLSearchParams(location.search);
      if (params.has('code') && params.has('state')) {
        await manager.signinRedirectCallback();
        window.history.replaceState(null, '', `${location.pathname}${location.hash}`);
      }
      return current();
    },
    signIn: () => manager.signinRedirect(),
    token: current,
    async signOut() {
      await manager.removeUser();
      // Cognito's logout endpoint takes client_id and logout_uri (not the OIDC end-session parameters).
      const q = new URLSearchParams({ client_id: c.clientId, logout_uri: redirectUri });
      location.assign(`${c.domain}/logout?${q}`);
    },
  };
}
