import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorizeUrl } from '../src/app/cognito';
import { DEFAULT_SETTINGS } from '../src/app/settings';

const cognito = { ...DEFAULT_SETTINGS, signIn: 'cognito' as const, cognitoDomain: 'https://x.auth.us-east-1.amazoncognito.com',
  clientId: 'client1' };

test('the managed login is asked for the code flow with PKCE, back to the page', () => {
  const url = new URL(authorizeUrl(cognito, 'https://api.example.com/v1/app', 'state1', 'challenge1'));
  assert.equal(url.origin + url.pathname, 'https://x.auth.us-east-1.amazoncognito.com/oauth2/authorize');
  assert.equal(url.searchParams.get('response_type'), 'code');
  assert.equal(url.searchParams.get('client_id'), 'client1');
  assert.equal(url.searchParams.get('redirect_uri'), 'https://api.example.com/v1/app');
  assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(url.searchParams.get('code_challenge'), 'challenge1');
  assert.equal(url.searchParams.get('state'), 'state1');
  assert.equal(url.searchParams.has('identity_provider'), false, 'no IdP named: the user pool\'s own page');
});

test('with a company IdP named, sign-in goes straight to it (identity_provider, contract C2)', () => {
  const url = new URL(authorizeUrl({ ...cognito, identityProvider: 'CorpAD' }, 'https://a/app', 's', 'c'));
  assert.equal(url.searchParams.get('identity_provider'), 'CorpAD');
});
