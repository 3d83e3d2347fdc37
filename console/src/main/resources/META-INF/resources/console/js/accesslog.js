// The access log (the gateway's /api/access-log, DPO only): who called which person's data, when and how it was
// answered; searchable by person and by staff member, within a time span, newest first, a page at a time.
import { api, problemBox } from './api.js';
import { h, show, table, when } from './dom.js';

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A datetime-local value (the user's local time) as an instant, or null. */
function instant(local) {
  return local ? new Date(local).toISOString() : null;
}

export function render({ main, params }) {
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const results = h('div', { 'aria-live': 'polite' }, h('p', {}, 'Loading…'));
  const input = (name, text, attributes = {}) => h('div', {}, h('label', { for: `log-${name}` }, text),
    h('input', { id: `log-${name}`, name, value: params.get(name) ?? '', ...attributes }));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Search the access log' },
    input('personId', 'Person id', { size: 38, pattern: UUID.source.slice(1, -1) }),
    input('principal', 'Staff member (user name)', { maxlength: 200 }),
    input('from', 'From (your local time)', { type: 'datetime-local' }),
    input('to', 'To', { type: 'datetime-local' }),
    h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const hash = `#/access-log${queryOf(form, 0)}`;
    if (hash === location.hash) load(); // the same search again: newer entries may have been written since
    else location.hash = hash;
  });
  show(main, h('h1', { tabindex: '-1' }, 'Access log'),
    h('p', {}, 'Every call that read or changed a person\u2019s data through the gateway, by whom, newest first.'), form, results);
  main.querySelector('h1').focus();

  function load() {
    const query = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
    for (const name of ['personId', 'principal']) if (params.get(name)) query.set(name, params.get(name));
    for (const name of ['from', 'to']) if (params.get(name)) query.set(name, instant(params.get(name)));
    api(`/api/access-log?${query}`)
      .then((found) => {
        const last = Math.max(0, Math.ceil(found.total / PAGE_SIZE) - 1);
        show(results,
          h('p', {}, found.total ? `${found.total} calls; page ${page + 1} of ${last + 1}` : 'No call matches.'),
          found.items.length ? table('Calls to personal data, newest first', ['When', 'Staff member', 'Client', 'Call', 'Person', 'Answer'],
            found.items.map((e) => h('tr', { 'data-request-id': e.requestId },
              h('td', {}, when(e.at)),
              h('td', {}, e.principalName ? `${e.principalName} (${e.principal})` : e.principal ?? '—'),
              h('td', {}, e.clientId ?? '—'),
              h('td', {}, h('code', {}, `${e.method} ${e.path}`)),
              h('td', {}, e.personId ? h('a', { href: `#/persons/${e.personId}` }, e.personId) : '—'),
              h('td', {}, String(e.status))))) : null,
          h('nav', { 'aria-label': 'Pages of the access log', class: 'actions' },
            page > 0 ? h('a', { href: `#/access-log${queryOf(form, page - 1)}` }, 'Newer calls') : null,
            page < last ? h('a', { href: `#/access-log${queryOf(form, page + 1)}` }, 'Older calls') : null));
      })
      .catch((error) => show(results, problemBox(error)));
  }
  load();
}

function queryOf(form, page) {
  const query = new URLSearchParams();
  for (const name of ['personId', 'principal', 'from', 'to']) {
    const value = form.elements[name].value.trim();
    if (value) query.set(name, value);
  }
  if (page) query.set('page', String(page));
  return query.size ? `?${query}` : '';
}
