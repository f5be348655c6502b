// The ID token of this browser tab (sessionStorage: a closed tab signs out), sent as Authorization.
import { decodeToken, expired } from './access';

export const TOKEN_KEY = 'flow-config-app.id-token';
const listeners = new Set<() => void>();

export function currentToken(): string | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const claims = decodeToken(token);
  return claims && !expired(claims, Date.now()) ? token : null;
}

export function keepToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  listeners.forEach(listener => listener());
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  listeners.forEach(listener => listener());
}

/** The API answered 401: the token is no longer good. */
export function tokenExpired(): void {
  forgetToken();
}

export function onTokenChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
