// Starts the console: settings, the end of a Cognito sign-in, then the sign-in page or the signed-in shell.
import Alert from '@cloudscape-design/components/alert';
import Spinner from '@cloudscape-design/components/spinner';
import { useEffect, useMemo, useState } from 'react';
import { decodeToken, scopesOf, usernameOf } from './access';
import { finishCognitoSignIn, signOut } from './cognito';
import { makeSession, SessionProvider } from './session';
import { DEFAULT_SETTINGS, loadSettings, type Settings } from './settings';
import { Shell } from './Shell';
import { SignInPage } from './SignInPage';
import { currentToken, onTokenChange } from './token';

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [token, setToken] = useState<string | null>(() => currentToken());
  const [expired, setExpired] = useState(false);

  useEffect(() => onTokenChange(() => {
    const now = currentToken();
    setToken(previous => {
      if (previous && !now) setExpired(true);
      if (now) setExpired(false);
      return now;
    });
  }), []);

  useEffect(() => {
    let live = true;
    (async () => {
      let loaded = DEFAULT_SETTINGS;
      try {
        loaded = await loadSettings();
      } catch (e) {
        if (live) setProblem(e instanceof Error ? e.message : String(e));
      }
      try {
        if (loaded.signIn === 'cognito') await finishCognitoSignIn(loaded);
      } catch (e) {
        if (live) setProblem(e instanceof Error ? e.message : String(e));
      }
      if (live) setSettings(loaded);
    })();
    return () => { live = false; };
  }, []);

  const session = useMemo(() => {
    if (!token || !settings) return null;
    const claims = decodeToken(token) ?? {};
    return makeSession(usernameOf(claims), scopesOf(claims), settings, () => {
      setExpired(false);
      signOut(settings);
    });
  }, [token, settings]);

  if (!settings) return <div className="starting"><Spinner size="large" /> <span>Loading the console…</span></div>;
  if (!session) {
    return <SignInPage settings={settings} problem={problem}
      notice={expired ? 'Your sign-in has expired. Sign in again.' : null} />;
  }
  return <SessionProvider session={session}>
    {problem ? <Alert type="error">{problem}</Alert> : null}
    <Shell />
  </SessionProvider>;
}
