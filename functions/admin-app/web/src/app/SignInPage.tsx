// Sign-in: Cognito's managed login (PKCE, straight to the company IdP when one is named), or, on the offline
// runner, its local sign-in that stands in for Cognito.
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useEffect, useState } from 'react';
import { apiBase } from '../api/client';
import { startCognitoSignIn } from './cognito';
import type { Settings } from './settings';
import { keepToken } from './token';

export function SignInPage({ settings, problem, notice }: { settings: Settings; problem: string | null;
  notice: string | null }) {
  useEffect(() => { document.title = 'Sign in · Flow configs'; }, []);
  return <main className="sign-in" aria-label="Sign in">
    <SpaceBetween size="l">
      {problem ? <Alert type="error" header="Not signed in">{problem}</Alert> : null}
      {notice ? <Alert type="warning">{notice}</Alert> : null}
      {settings.signIn === 'cognito' ? <CognitoSignIn settings={settings} /> : <LocalSignIn />}
    </SpaceBetween>
  </main>;
}

function CognitoSignIn({ settings }: { settings: Settings }) {
  const [busy, setBusy] = useState(false);
  return <Container header={<Header variant="h1">Sign in</Header>}>
    <SpaceBetween size="m">
      <Box>Sign in with your company account to look at and change flow configs.</Box>
      <Button variant="primary" loading={busy} onClick={() => {
        setBusy(true);
        startCognitoSignIn(settings).catch(() => setBusy(false));
      }}>Sign in</Button>
    </SpaceBetween>
  </Container>;
}

function LocalSignIn() {
  const [username, setUsername] = useState('');
  const [level, setLevel] = useState('Read');
  const [scopes, setScopes] = useState('*');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setError(null);
    if (!username.trim()) {
      setError('Type a user name.');
      return;
    }
    setBusy(true);
    try {
      const answer = await fetch(new URL('local-login', apiBase()), {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: username.trim(), level,
          scopes: scopes.split(',').map(s => s.trim()).filter(Boolean) }) });
      const body = await answer.json() as { token?: string; message?: string;
        details?: { field: string; message: string }[] };
      if (!answer.ok || !body.token) {
        setError(body.details?.[0] ? `${body.details[0].field}: ${body.details[0].message}` : body.message ?? 'Refused.');
        return;
      }
      keepToken(body.token);
    } catch {
      setError('The local runner did not answer. Is local/run.sh running?');
    } finally {
      setBusy(false);
    }
  };
  return <form onSubmit={event => { event.preventDefault(); void submit(); }}>
    <Form header={<Header variant="h1" description="The local runner stands in for Cognito: choose who you are and
      what you may do.">Sign in (local)</Header>}
      actions={<Button variant="primary" formAction="submit" loading={busy}>Sign in</Button>}
      errorText={error ?? undefined}>
      <Container>
        <SpaceBetween size="l">
          <FormField label="User name">
            <Input name="username" autoComplete="username" value={username} onChange={e => setUsername(e.detail.value)} />
          </FormField>
          <FormField label="Access level" description="Read: look and preview. Edit: change values and prompt texts.
            Full: everything.">
            <RadioGroup name="level" value={level} onChange={e => setLevel(e.detail.value)} ariaLabel="Access level" items={[
              { value: 'Read', label: 'Read' }, { value: 'Edit', label: 'Edit' }, { value: 'Full', label: 'Full' }]} />
          </FormField>
          <FormField label="Scopes" description="Config ids or prefixes such as sales-*, separated by commas; * is every
            config.">
            <Input name="scopes" value={scopes} onChange={e => setScopes(e.detail.value)} />
          </FormField>
        </SpaceBetween>
      </Container>
    </Form>
  </form>;
}
