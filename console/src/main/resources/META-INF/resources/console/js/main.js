// The console's entry: sign in (authorization code + PKCE with the public client gdpr-suite-ui), then a screen per
// hash route. The tokens live in this page's memory only: a reload signs in again through Keycloak's session.
import Keycloak from '../vendor/keycloak.js';
import { problemBox, useSession } from './api.js';
import { h, show } from './dom.js';
import * as home from './home.js';
import * as requests from './requests.js';
import * as breaches from './breaches.js';
import * as persons from './persons.js';
import * as compliance from './compliance.js';
import * as accessLog from './accesslog.js';
import * as settings from './settings.js';
import * as staff from './staff.js';
import * as profile from './profile.js';

/**
 * The screens, in the navigation's order, and the realm roles that may see each (the APIs enforce it anyway). One's
 * own account (place 'account') is linked beside one's name in the bar, not in the navigation.
 */
const SCREENS = [
  { path: 'requests', label: 'Requests', roles: ['dpo', 'support', 'admin'], module: requests },
  { path: 'breaches', label: 'Breaches', roles: ['dpo', 'admin'], module: breaches },
  { path: 'persons', label: 'Persons', roles: ['dpo', 'support', 'sales', 'marketing', 'finance', 'admin'], module: persons },
  { path: 'compliance', label: 'Compliance', roles: ['dpo', 'admin'], module: compliance },
  { path: 'access-log', label: 'Access log', roles: ['dpo'], module: accessLog },
  { path: 'settings', label: 'Privacy settings', roles: ['dpo', 'admin'], module: settings },
  { path: 'staff', label: 'Staff', roles: ['dpo', 'admin'], module: staff },
  { path: 'profile', label: 'Your profile', roles: ['dpo', 'support', 'sales', 'marketing', 'finance', 'admin'], module: profile, place: 'account' },
];

const main = document.getElementById('main');
let leave = () => {};

function authServer() {
  const configured = document.querySelector('meta[name="gdpr-auth-server"]')?.content;
  return configured || `${location.protocol}//${location.hostname}:8180`;
}

async function start() {
  const keycloak = new Keycloak({ url: authServer(), realm: 'gdpr-suite', clientId: 'gdpr-suite-ui' });
  try {
    await keycloak.init({
      onLoad: 'login-required',
      pkceMethod: 'S256',
      responseMode: 'query',
      checkLoginIframe: false,
      redirectUri: `${location.origin}${location.pathname}`,
    });
  } catch (failure) {
    show(main, h('h1', {}, 'Sign-in failed'), problemBox(failure ?? new Error('Keycloak did not answer.')));
    return;
  }
  useSession(keycloak);
  const roles = keycloak.tokenParsed?.realm_access?.roles ?? [];
  const session = {
    roles,
    username: keycloak.tokenParsed?.preferred_username ?? '',
    has: (...any) => any.some((role) => roles.includes(role)),
  };
  const screens = SCREENS.filter((screen) => session.has(...screen.roles));
  navigation(screens);
  const who = document.getElementById('who');
  who.textContent = `Signed in as ${session.username} (${roles.filter(known).join(', ') || 'no staff role'})`;
  const signOut = document.getElementById('sign-out');
  signOut.hidden = false;
  signOut.addEventListener('click', () => keycloak.logout({ redirectUri: `${location.origin}${location.pathname}` }));
  document.getElementById('skip').addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  const route = () => render(screens, session);
  window.addEventListener('hashchange', route);
  route();
}

function known(role) {
  return ['dpo', 'sales', 'marketing', 'support', 'finance', 'admin'].includes(role);
}

function navigation(screens) {
  const links = [{ path: '', label: 'Overview' }, ...screens.filter((s) => s.place !== 'account')].map((screen) =>
    h('li', {}, h('a', { href: `#/${screen.path}`, 'data-screen': screen.path || 'overview' }, screen.label)),
  );
  show(document.getElementById('nav'), h('ul', {}, links));
  for (const screen of screens.filter((s) => s.place === 'account')) {
    document.getElementById('sign-out').before(h('a', { href: `#/${screen.path}`, 'data-screen': screen.path, id: `${screen.path}-link` }, screen.label));
  }
}

/** Shows the screen of the current hash (#/requests, #/requests/<id>?...), after the previous one has cleaned up. */
function render(screens, session) {
  leave();
  leave = () => {};
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...rest] = path.split('/');
  const params = new URLSearchParams(query ?? '');
  for (const link of document.querySelectorAll('#nav a, .who a[data-screen]')) {
    if (link.dataset.screen === (name || 'overview')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const screen = screens.find((s) => s.path === name);
  const context = { session, params, id: rest.join('/') || null, main };
  if (screen) {
    leave = screen.module.render(context) ?? leave;
  } else if (!name) {
    home.render(context, screens);
  } else {
    show(main, h('h1', { tabindex: '-1' }, 'Not available'), h('p', {}, 'This screen does not exist or your role may not see it.'));
    main.querySelector('h1').focus();
  }
}

start();
