// Cognito managed login: the authorization code flow with PKCE, straight to the company IdP when one is named.
import type { Settings } from './settings';
import { forgetToken, keepToken } from './token';

const VERIFIER = 'flow-config-app.pkce-verifier';
const STATE = 'flow-config-app.pkce-state';

function randomText(bytes: number): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The page's own address without query or hash: the redirect and sign-out URL registered on the app client. */
export function appUrl(): string {
  const url = new URL(window.location.href);
  url.search = '';
  url.hash = '';
  return url.toString();
}

export async function startCognitoSignIn(settings: Settings): Promise<void> {
  const verifier = randomText(48);
  const state = randomText(16);
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  window.location.assign(authorizeUrl(settings, appUrl(), state, challenge));
}

/** Cognito's /oauth2/authorize for the code flow with PKCE; straight to the company IdP when one is named (C2). */
export function authorizeUrl(settings: Settings, redirectUri: string, state: string, challenge: string): string {
  const authorize = new URL('/oauth2/authorize', settings.cognitoDomain);
  const query = new URLSearchParams({ response_type: 'code', client_id: settings.clientId, redirect_uri: redirectUri,
    scope: 'openid email profile', state, code_challenge_method: 'S256', code_challenge: challenge });
  if (settings.identityProvider) query.set('identity_provider', settings.identityProvider);
  authorize.search = query.toString();
  return authorize.toString();
}

/** Back from the managed login with ?code=…&state=…: the code exchanged for tokens, the ID token kept. */
export async function finishCognitoSignIn(settings: Settings): Promise<boolean> {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  const refused = params.get('error_description') ?? params.get('error');
  if (!code && !refused) return false;
  const verifier = sessionStorage.getItem(VERIFIER);
  const stateOk = params.get('state') === sessionStorage.getItem(STATE);
  sessionStorage.removeItem(VERIFIER);
  sessionStorage.removeItem(STATE);
  window.history.replaceState(null, '', appUrl());
  if (refused) throw new Error(`The sign-in was refused: ${refused}`);
  if (!verifier || !stateOk) throw new Error('The sign-in answer did not match this browser tab. Sign in again.');
  const response = await fetch(new URL('/oauth2/token', settings.cognitoDomain), {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: settings.clientId, code: code ?? '',
      redirect_uri: appUrl(), code_verifier: verifier }).toString() });
  if (!response.ok) throw new Error('Cognito refused the sign-in. Sign in again.');
  const tokens = await response.json() as { id_token?: string };
  if (!tokens.id_token) throw new Error('Cognito sent no ID token. Sign in again.');
  keepToken(tokens.id_token);
  return true;
}

export function signOut(settings: Settings): void {
  forgetToken();
  if (settings.signIn === 'cognito' && settings.cognitoDomain) {
    const logout = new URL('/logout', settings.cognitoDomain);
    logout.search = new URLSearchParams({ client_id: settings.clientId, logout_uri: appUrl() }).toString();
    window.location.assign(logout.toString());
  } else {
    window.location.hash = '#/configs';
  }
}
