// Calls to the suite's REST APIs through the gateway (same origin), with the access token held in memory only.
import { h, show } from './dom.js';

let keycloak;

export function useSession(session) {
  keycloak = session;
}

/** An answer other than 2xx: the problem's (RFC 9457) title and detail, as the API wrote them. */
export class Problem extends Error {
  constructor(status, title, detail, violations) {
    super(`${title}${detail ? `: ${detail}` : ''}`);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.violations = violations ?? [];
  }
}

/** A JSON call; resolves to the answer's body, rejects with a Problem. {@code headers}: more request headers. */
export async function api(path, { method = 'GET', body, headers: more = {} } = {}) {
  try {
    await keycloak.updateToken(30);
  } catch {
    keycloak.login();
    throw new Problem(401, 'Signed out', 'Your session ended; sign in again.');
  }
  const headers = {
    Authorization: `Bearer ${keycloak.token}`,
    Accept: 'application/json, application/problem+json',
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  Object.assign(headers, more);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (failure) {
    throw new Problem(0, 'The suite cannot be reached', failure.message);
  }
  const type = response.headers.get('Content-Type') ?? '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    throw new Problem(
      response.status,
      data?.title ?? `HTTP ${response.status}`,
      data?.detail ?? '',
      data?.violations,
    );
  }
  return data;
}

/** How a failed call is shown: the problem's title and detail, and each violation, announced at once. */
export function problemBox(error) {
  const problem = error instanceof Problem ? error : new Problem(0, 'Something went wrong', error?.message ?? String(error));
  return h(
    'div',
    { class: 'problem', role: 'alert' },
    h('p', { class: 'problem-title' }, problem.title),
    problem.detail ? h('p', { class: 'problem-detail' }, problem.detail) : null,
    problem.violations.length
      ? h('ul', {}, problem.violations.map((v) => h('li', {}, [v.field, v.message].filter(Boolean).join(': '))))
      : null,
  );
}

/** A section that loads on its own: a refusal or failure of one API leaves the rest of the page working. */
export function part(id, title, loader) {
  const body = h('div', {}, h('p', {}, 'Loading…'));
  loader().then((content) => show(body, content)).catch((error) => show(body, problemBox(error)));
  return h('section', { 'aria-labelledby': `${id}-heading`, id }, h('h2', { id: `${id}-heading` }, title), body);
}
