import { h, say, show, labelled } from './dom.js';
import { session, startCognitoSignIn, finishCognitoSignIn, signOut } from './session.js';
import { listView } from './list-view.js';
import { configView } from './config-view.js';
import { historyView } from './history-view.js';
import { timelineView } from './timeline-view.js';
import { importView } from './import-view.js';
import { guard, go, navigation as routing } from './navigation.js';

let config = { signIn: 'local-login' };
let currentHash = window.location.hash;

window.addEventListener('beforeunload', event => {
  if (guard.unsaved && guard.unsaved()) {
    event.preventDefault();
    event.returnValue = '';
  }
});

window.addEventListener('hashchange', () => {
  if (guard.unsaved && guard.unsaved() && !window.confirm(guard.message || 'You have unsaved changes. Leave without saving?')) {
    window.history.replaceState(null, '', currentHash || '#/');
    return;
  }
  route();
});

function navigation() {
  const nav = document.getElementById('nav');
  if (!session.signedIn()) {
    nav.replaceChildren();
    return;
  }
  nav.replaceChildren(...[
    h('a', { href: '#/' }, 'Configs'),
    session.holdsAnywhere('Full') ? h('a', { href: '#/import' }, 'Import') : null,
    h('span', { class: 'muted' }, `Signed in as ${session.username()}`),
    h('button', { type: 'button', onclick: () => signOut(config) }, 'Sign out')].filter(Boolean));
}

function signInView() {
  document.title = 'Sign in · Flow configs';
  if (config.signIn === 'cognito') {
    return show(h('h1', {}, 'Sign in'),
      h('p', {}, 'Sign in with your company account to change flow configs.'),
      h('button', { type: 'button', class: 'primary', onclick: () => startCognitoSignIn(config) }, 'Sign in'));
  }
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, value: '' });
  const level = h('select', { name: 'level' }, ['Read', 'Edit', 'Full'].map(l => h('option', { value: l }, l)));
  const scopes = h('input', { name: 'scopes', value: '*' });
  const problem = h('p', { class: 'problem', role: 'alert' });
  const form = h('form', { class: 'stack', onsubmit: async event => {
    event.preventDefault();
    problem.textContent = '';
    try {
      const answer = await fetch(new URL('local-login', new URL('.', document.baseURI)), {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: username.value.trim(), level: level.value,
          scopes: scopes.value.split(',').map(s => s.trim()).filter(Boolean) }) });
      const body = await answer.json();
      if (!answer.ok) {
        problem.textContent = (body.details && body.details[0] ? `${body.details[0].field}: ${body.details[0].message}` : body.message);
        return;
      }
      session.keep(body.token);
      say(`Signed in as ${username.value.trim()} (${level.value}).`);
      go('#/');
    } catch (e) {
      problem.textContent = 'The local runner did not answer. Is local/run.sh running?';
    }
  } },
  labelled('User name', username),
  labelled('Access level', level, 'Read: look and preview. Edit: change values and prompt texts. Full: everything.'),
  labelled('Scopes', scopes, 'Config ids or prefixes such as sales-*, separated by commas; * is every config.'),
  problem,
  h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  return show(h('h1', {}, 'Sign in (local)'),
    h('p', {}, 'The local runner stands in for Cognito: choose who you are and what you may do.'), form);
}

async function route() {
  currentHash = window.location.hash;
  guard.unsaved = null;
  navigation();
  if (!session.signedIn()) return signInView();
  const path = (window.location.hash || '#/').slice(1);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === 'configs' && parts[1] && parts[2] === 'history') await historyView(parts[1]);
    else if (parts[0] === 'configs' && parts[1] && parts[2] === 'timeline') await timelineView(parts[1]);
    else if (parts[0] === 'configs' && parts[1]) await configView(parts[1]);
    else if (parts[0] === 'import') await importView();
    else await listView();
  } catch (e) {
    show(h('h1', {}, 'Something went wrong'), h('p', { class: 'problem' }, e.message || String(e)),
      h('p', {}, h('a', { href: '#/' }, 'Back to the configs')));
  }
  document.getElementById('main').focus();
}

async function start() {
  try {
    const answer = await fetch(new URL('app/config.json', document.baseURI));
    config = await answer.json();
    if (config.signIn === 'cognito') await finishCognitoSignIn(config);
  } catch (e) {
    say(e.message || 'The app could not load its settings.', true);
  }
  session.onExpired = () => { say('Your sign-in has expired. Sign in again.', true); navigation(); signInView(); };
  route();
}

routing.route = route;
start();
