// The sign-in settings the function serves as app/config.json (AppSettings.forBrowser on the Java side).
export interface Settings {
  signIn: 'cognito' | 'local-login';
  cognitoDomain: string;
  clientId: string;
  /** The company IdP's name in the user pool: sign-in goes straight to it (contract C2); empty for the pool's own. */
  identityProvider: string;
  /** The primary region when this one is a read-only replica (contract C1); empty otherwise. */
  readOnlyRegion: string;
}

export const DEFAULT_SETTINGS: Settings = { signIn: 'local-login', cognitoDomain: '', clientId: '', identityProvider: '',
  readOnlyRegion: '' };

export async function loadSettings(): Promise<Settings> {
  const response = await fetch(new URL('app/config.json', document.baseURI), { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`The console could not load its settings (HTTP ${response.status}).`);
  return { ...DEFAULT_SETTINGS, ...(await response.json()) as Partial<Settings> };
}
