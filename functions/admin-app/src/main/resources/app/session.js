// Who is signed in: the ID token (sent as Authorization, as the API requires) and what its claims allow.
// The server stays the authority; these rules only decide which controls to offer.
const KEY = 'flow-config-app.id-token';
const LEVELS = ['Read', 'Edit', 'Full'];
const GROUP_LEVELS = { FlowConfigAdmin: 'Full', FlowConfigEdit: 'Edit', FlowConfigRead: 'Read' };
const SCOPE_CLAIMS = { Full: 'custom:fc_full', Edit: 'custom:fc_edit', Read: 'custom:fc_read' };

function decode(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch (e) {
    return null;
  }
}

function scopeMatches(scope, id) {
  return scope === '*' || scope === id || (scope.endsWith('*') && scope.indexOf('*') === scope.length - 1
    && id.startsWith(scope.slice(0, -1)));
}

export const session = {
  onExpired: () => {},
  token() { return sessionStorage.getItem(KEY); },
  claims() {
    const token = this.token();
    const claims = token ? decode(token) : null;
    if (!claims || (claims.exp && Number(claims.exp) * 1000 < Date.now())) return null;
    return claims;
  },
  signedIn() { return this.claims() !== null; },
  keep(token) { sessionStorage.setItem(KEY, token); },
  clear() { sessionStorage.removeItem(KEY); },
  expired() { this.clear(); this.onExpired(); },
  username() { const c = this.claims() || {}; return c['cognito:username'] || c.email || c.sub || ''; },
  // Scopes per level: the custom attributes, and * for the groups (one string joined by commas, or a JSON list).
  scopes() {
    const claims = this.claims() || {};
    const scopes = { Read: [], Edit: [], Full: [] };
    for (const level of LEVELS) {
      const claim = claims[SCOPE_CLAIMS[level]];
      if (typeof claim === 'string') scopes[level].push(...claim.split(',').map(s => s.trim()).filter(Boolean));
    }
    const groups = claims['cognito:groups'];
    const names = Array.isArray(groups) ? groups : typeof groups === 'string' ? groups.split(',') : [];
    for (const name of names) if (GROUP_LEVELS[name]) scopes[GROUP_LEVELS[name]].push('*');
    return scopes;
  },
  // The highest level the caller holds on a config id: 'Full', 'Edit', 'Read' or null.
  levelFor(id) {
    const scopes = this.scopes();
    for (const level of ['Full', 'Edit', 'Read']) {
      if (scopes[level].some(scope => scopeMatches(scope, id))) return level;
    }
    return null;
  },
  // Whether the caller holds a level anywhere (for create and import, judged per config by the server).
  holdsAnywhere(level) {
    const scopes = this.scopes();
    return LEVELS.slice(LEVELS.indexOf(level)).some(l => scopes[l].length > 0);
  },
};

export function atLeast(level, wanted) {
  return level !== null && LEVELS.indexOf(level) >= LEVELS.indexOf(wanted);
}

// ---- Cognito managed login: authorization code with PKCE ----
const VERIFIER = 'flow-config-app.pkce-verifier';
const STATE = 'flow-config-app.pkce-state';

function randomText(bytes) {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...values)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function appUrl() {
  const url = new URL(window.location.href);
  url.search = '';
  url.hash = '';
  return url.toString();
}

export async function startCognitoSignIn(config) {
  const verifier = randomText(48);
  const state = randomText(16);
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  const challenge = btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const authorize = new URL('/oauth2/authorize', config.cognitoDomain);
  authorize.search = new URLSearchParams({ response_type: 'code', client_id: config.clientId,
    redirect_uri: appUrl(), scope: 'openid email profile', state, code_challenge_method: 'S256',
    code_challenge: challenge }).toString();
  window.location.assign(authorize.toString());
}

// Back from the managed login with ?code=…&state=…: exchange the code for tokens and keep the ID token.
export async function finishCognitoSignIn(config) {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  if (!code) return false;
  const verifier = sessionStorage.getItem(VERIFIER);
  const stateOk = params.get('state') === sessionStorage.getItem(STATE);
  sessionStorage.removeItem(VERIFIER);
  sessionStorage.removeItem(STATE);
  window.history.replaceState(null, '', appUrl());
  if (!verifier || !stateOk) throw new Error('The sign-in answer did not match this browser tab. Sign in again.');
  const response = await fetch(new URL('/oauth2/token', config.cognitoDomain), {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code,
      redirect_uri: appUrl(), code_verifier: verifier }).toString() });
  if (!response.ok) throw new Error('Cognito refused the sign-in. Sign in again.');
  const tokens = await response.json();
  session.keep(tokens.id_token);
  return true;
}

export function signOut(config) {
  session.clear();
  if (config.signIn === 'cognito' && config.cognitoDomain) {
    const logout = new URL('/logout', config.cognitoDomain);
    logout.search = new URLSearchParams({ client_id: config.clientId, logout_uri: appUrl() }).toString();
    window.location.assign(logout.toString());
  } else {
    window.location.hash = '#/';
    window.location.reload();
  }
}
