// Persons of the CRM (contact-service's /api/contacts/persons): search by name, address or organisation, a page at a
// time; a person's page is in person.js. The API shows each role only the fields it may see.
import { api, problemBox } from './api.js';
import { h, show, table } from './dom.js';
import * as person from './person.js';
import { fullName } from './person.js';

const PAGE_SIZE = 25;
const CRITERIA = [
  ['q', 'Name'],
  ['email', 'Email'],
  ['organisation', 'Organisation'],
];

export function render(context) {
  return context.id ? person.render(context) : search(context);
}

function search({ main, params }) {
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const results = h('div', { 'aria-live': 'polite' }, h('p', {}, 'Loading…'));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Search persons' },
    CRITERIA.map(([name, text]) => h('div', {}, h('label', { for: `search-${name}` }, text),
      h('input', { id: `search-${name}`, name, type: name === 'email' ? 'search' : 'text', value: params.get(name) ?? '', maxlength: 300 }))),
    h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/persons${queryOf(form, 0)}`;
  });
  show(main, h('h1', { tabindex: '-1' }, 'Persons'), form, results);
  main.querySelector('h1').focus();

  const query = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
  for (const [name] of CRITERIA) if (params.get(name)) query.set(name, params.get(name));
  api(`/api/contacts/persons?${query}`)
    .then((found) => {
      const last = Math.max(0, Math.ceil(found.total / PAGE_SIZE) - 1);
      show(results,
        h('p', {}, found.total ? `${found.total} persons; page ${page + 1} of ${last + 1}` : 'No person matches.'),
        found.items.length ? table('Persons found', ['Name', 'Email', 'Category', 'Processing'],
          found.items.map((p) => h('tr', { 'data-person-id': p.id },
            h('td', {}, h('a', { href: `#/persons/${p.id}` }, fullName(p))),
            h('td', {}, p.email ?? '—'),
            h('td', {}, p.category ?? '—'),
            h('td', {}, p.restricted ? h('span', { class: 'badge overdue' }, 'Restricted') : 'Allowed')))) : null,
        h('nav', { 'aria-label': 'Pages of persons', class: 'actions' },
          page > 0 ? h('a', { href: `#/persons${queryOf(form, page - 1)}` }, 'Previous page') : null,
          page < last ? h('a', { href: `#/persons${queryOf(form, page + 1)}` }, 'Next page') : null));
    })
    .catch((error) => show(results, problemBox(error)));
}

function queryOf(form, page) {
  const query = new URLSearchParams();
  for (const [name] of CRITERIA) if (form.elements[name].value.trim()) query.set(name, form.elements[name].value.trim());
  if (page) query.set('page', String(page));
  return query.size ? `?${query}` : '';
}
