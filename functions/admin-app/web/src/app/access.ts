// What the signed-in user may do, from the ID token's claims, by the API's own rules (api-kit's CallerClaims): the
// server stays the authority; these rules only decide which controls the console offers and why others are off.
export type Level = 'Read' | 'Edit' | 'Full';

export const LEVELS: readonly Level[] = ['Read', 'Edit', 'Full'];
const COGNITO_GROUPS: Record<string, Level> = { FlowConfigAdmin: 'Full', FlowConfigEdit: 'Edit', FlowConfigRead: 'Read' };
const SCOPE_CLAIMS: Record<Level, string> = { Full: 'custom:fc_full', Edit: 'custom:fc_edit', Read: 'custom:fc_read' };
// The company IdP's groups, mapped by the user pool into custom:fc_groups (contract C2).
const IDP_GROUP = /^FlowConfig(Readers|Editors|Admins)(-([A-Za-z0-9_.-]{1,100}))?$/;
const IDP_LEVELS: Record<string, Level> = { Readers: 'Read', Editors: 'Edit', Admins: 'Full' };

export type Claims = Record<string, unknown>;
export type Scopes = Record<Level, string[]>;

/** The token's payload, or null when it is not a JWT. */
export function decodeToken(token: string): Claims | null {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part), c => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? claims as Claims : null;
  } catch {
    return null;
  }
}

/** A multi-valued claim as Cognito may deliver it: a JSON array, a JSON array string, "[a, b]" or "a,b". */
export function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').map(v => v.trim()).filter(Boolean);
  if (typeof value !== 'string') return [];
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text);
      if (Array.isArray(parsed)) return claimList(parsed);
    } catch {
      return text.slice(1, text.endsWith(']') ? -1 : undefined).split(',').map(v => v.trim()).filter(Boolean);
    }
  }
  return text.split(',').map(v => v.trim()).filter(Boolean);
}

export function scopesOf(claims: Claims): Scopes {
  const scopes: Scopes = { Read: [], Edit: [], Full: [] };
  for (const level of LEVELS) {
    const claim = claims[SCOPE_CLAIMS[level]];
    if (typeof claim === 'string') scopes[level].push(...claim.split(',').map(s => s.trim()).filter(Boolean));
  }
  const groups = claims['cognito:groups'];
  const names = Array.isArray(groups) ? groups : typeof groups === 'string' ? groups.split(',') : [];
  for (const name of names) {
    if (typeof name === 'string' && COGNITO_GROUPS[name]) scopes[COGNITO_GROUPS[name]].push('*');
  }
  for (const group of claimList(claims['custom:fc_groups'])) {
    const match = IDP_GROUP.exec(group);
    if (match) scopes[IDP_LEVELS[match[1]]].push(match[3] ? `${match[3]}-*` : '*');
  }
  return scopes;
}

export function scopeMatches(scope: string, id: string): boolean {
  return scope === '*' || scope === id
    || (scope.endsWith('*') && scope.indexOf('*') === scope.length - 1 && id.startsWith(scope.slice(0, -1)));
}

/** The highest level the scopes grant on a config id, or null. */
export function levelFor(scopes: Scopes, id: string): Level | null {
  for (const level of ['Full', 'Edit', 'Read'] as const) {
    if (scopes[level].some(scope => scopeMatches(scope, id))) return level;
  }
  return null;
}

/** Whether the scopes grant `level` (or more) on some config. */
export function holdsAnywhere(scopes: Scopes, level: Level): boolean {
  return LEVELS.slice(LEVELS.indexOf(level)).some(l => scopes[l].length > 0);
}

export function atLeast(level: Level | null, wanted: Level): boolean {
  return level !== null && LEVELS.indexOf(level) >= LEVELS.indexOf(wanted);
}

export function usernameOf(claims: Claims): string {
  for (const key of ['cognito:username', 'email', 'sub']) {
    if (typeof claims[key] === 'string' && claims[key]) return claims[key] as string;
  }
  return '';
}

/** Expired (by `exp`, seconds) at `now` (milliseconds). */
export function expired(claims: Claims, now: number): boolean {
  return typeof claims.exp === 'number' && claims.exp * 1000 < now;
}
