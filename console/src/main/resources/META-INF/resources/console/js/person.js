// A person's page: the fields the role may see (contact-service leaves the others out; the page says how many),
// correction (Art. 16, a merge patch on the version shown), restriction on/off (Art. 18), what consent-service
// decides per purpose with each purpose's history, subscriptions, activities and the person's requests.
import { api, part, problemBox } from './api.js';
import { facts, h, label, show, table, when } from './dom.js';

/** Fields corrected by hand on this page; the others (organisation, category, provenance) are the CRM's. */
const CORRECTABLE = ['firstName', 'lastName', 'email', 'phone', 'street', 'postalCode', 'city', 'country', 'jobTitle',
  'nationalId', 'bankAccount', 'birthDate', 'healthNotes'];
const INPUT_TYPES = { email: 'email', birthDate: 'date', phone: 'tel' };
const CLASSIFIED = { SENSITIVE: 'sensitive', SPECIAL_CATEGORY: 'special category' };

export function fullName(p) {
  return [p.firstName, p.lastName].filter(Boolean).join(' ') || (p.anonymized ? 'Anonymized person' : 'Unnamed person');
}

/** firstName → "First name". */
function fieldLabel(field) {
  return label(field.replace(/[A-Z]/g, (c) => `_${c}`));
}

export function render({ main, id, session }) {
  const message = h('div', { role: 'status', class: 'message' });
  const failure = h('div', {});
  const top = h('div', {});
  const sections = h('div', {});
  show(main, h('p', {}, h('a', { href: '#/persons' }, 'All persons')), h('h1', { tabindex: '-1' }, 'Person'),
    message, failure, top, sections);
  main.querySelector('h1').focus();
  const say = (text) => show(message, text);
  const fail = (error) => show(failure, problemBox(error));

  async function load() {
    show(failure);
    const [p, catalogue] = await Promise.all([api(`/api/contacts/persons/${id}`), api('/api/contacts/classification')]);
    main.querySelector('h1').textContent = fullName(p);
    show(top, restriction(p, session, id, say, fail, load), fields(p, catalogue, session),
      correction(p, catalogue, id, say, fail, load));
  }

  load().catch(fail);
  show(sections,
    part('consents', 'Consents and decisions', () => consents(id)),
    session.has('dpo', 'sales', 'marketing', 'support', 'admin') ? part('subscriptions', 'Subscriptions', () => subscriptions(id)) : null,
    part('activities', 'Activities', () => activities(id)),
    session.has('dpo', 'support', 'admin') ? part('person-requests', 'Data-subject requests', () => requests(id)) : null);
}

function restriction(p, session, id, say, fail, reload) {
  const line = h('p', { class: 'status-line' }, 'Processing: ',
    h('strong', { id: 'processing' }, p.restricted ? 'Restricted (Art. 18)' : 'Allowed'),
    p.anonymized ? ' (anonymized)' : '');
  if (!session.has('dpo', 'support', 'admin') || p.anonymized) return line;
  const button = h('button', { type: 'button', id: 'restriction' }, p.restricted ? 'Lift the restriction' : 'Restrict processing');
  button.addEventListener('click', async () => {
    try {
      await api(`/api/contacts/persons/${id}/restriction`, { method: p.restricted ? 'DELETE' : 'POST' });
      say(p.restricted ? 'The restriction is lifted: processing may resume.' : 'Processing is restricted: every purpose is denied.');
      await reload();
      document.getElementById('restriction')?.focus();
    } catch (error) {
      fail(error);
    }
  });
  return [line, button];
}

function fields(p, catalogue, session) {
  const shown = catalogue.filter((f) => f.field in p);
  const hidden = catalogue.filter((f) => !(f.field in p) && !f.visibleTo.some((role) => session.has(role)));
  return h('section', { 'aria-labelledby': 'fields-heading', id: 'fields' }, h('h2', { id: 'fields-heading' }, 'Data'),
    facts(shown.map((f) => [
      [fieldLabel(f.field), CLASSIFIED[f.classification] ? h('span', { class: 'classified' }, ` (${CLASSIFIED[f.classification]})`) : null],
      f.field === 'customFields' ? Object.entries(p.customFields ?? {}).map(([k, v]) => `${k}: ${v}`).join('; ') || null
        : f.field === 'collectedAt' ? when(p.collectedAt) : p[f.field],
    ])),
    hidden.length
      ? h('p', { id: 'hidden-fields' }, `${hidden.length} sensitive or special-category field(s) are not shown to your role.`)
      : null,
    h('p', {}, 'Created ', when(p.createdAt), ', last activity ', when(p.lastActivityAt), '.'),
    session.has('dpo') ? h('p', {}, h('a', { href: `#/access-log?personId=${p.id}`, id: 'who-read' }, 'Who read this record')) : null);
}

function correction(p, catalogue, id, say, fail, reload) {
  if (p.anonymized) return null;
  const editable = catalogue.filter((f) => CORRECTABLE.includes(f.field) && f.field in p);
  const form = h('form', { id: 'correct', class: 'stacked' },
    editable.map((f) => h('div', { class: 'field' }, h('label', { for: `field-${f.field}` }, fieldLabel(f.field)),
      f.field === 'healthNotes'
        ? h('textarea', { id: `field-${f.field}`, name: f.field, rows: 3 }, p[f.field] ?? '')
        : h('input', { id: `field-${f.field}`, name: f.field, type: INPUT_TYPES[f.field] ?? 'text', value: p[f.field] ?? '' }))),
    h('button', { type: 'submit' }, 'Save the correction'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const patch = {};
    for (const f of editable) {
      const value = form.elements[f.field].value.trim();
      if (value !== (p[f.field] ?? '')) patch[f.field] = value || null;
    }
    if (!Object.keys(patch).length) return say('Nothing changed.');
    try {
      await api(`/api/contacts/persons/${id}`, { method: 'PATCH', body: patch,
        headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': `"${p.version}"` } });
      say(`Corrected: ${Object.keys(patch).map(fieldLabel).join(', ')}.`);
      await reload();
    } catch (error) {
      fail(error);
    }
  });
  return h('details', { id: 'correction' }, h('summary', {}, 'Correct the data (Art. 16)'), form);
}

async function consents(id) {
  const [held, catalogue] = await Promise.all([api(`/api/consents/persons/${id}`), api('/api/consents/purposes')]);
  const names = new Map(catalogue.map((purpose) => [purpose.key, purpose.name]));
  const decisions = await Promise.all(held.purposes.map((state) =>
    api(`/api/consents/decisions?${new URLSearchParams({ personId: id, purpose: state.purpose })}`)));
  const history = h('div', { 'aria-live': 'polite', id: 'purpose-history' });
  if (!decisions.length) return h('p', {}, 'Nothing is recorded for this person: no purpose has a legal basis.');
  return [
    table('May the person be processed, per purpose', ['Purpose', 'Decision', 'Legal basis', 'Status', 'Since', 'Until', 'History'],
      decisions.map((d) => h('tr', { 'data-purpose': d.purpose },
        h('th', { scope: 'row' }, names.get(d.purpose) ?? d.purpose),
        h('td', {}, d.allowed ? 'Allowed' : `Denied: ${d.reasons.map(label).join(', ')}`),
        h('td', {}, label(d.legalBasis)),
        h('td', {}, label(d.status)),
        h('td', {}, when(d.since)),
        h('td', {}, when(d.until)),
        h('td', {}, h('button', { type: 'button', class: 'link', 'aria-label': `Show history of ${names.get(d.purpose) ?? d.purpose}`,
          onclick: () => purposeHistory(id, d.purpose, names.get(d.purpose) ?? d.purpose, history) }, 'Show history'))))),
    history,
  ];
}

function purposeHistory(id, purpose, name, box) {
  api(`/api/consents/persons/${id}/purposes/${encodeURIComponent(purpose)}/history?size=100`)
    .then((records) => show(box, table(`History of ${name}, newest first`, ['In force from', 'Status', 'Legal basis', 'Source', 'Recorded by', 'Notice'],
      records.items.map((r) => h('tr', {}, h('td', {}, when(r.effectiveAt)), h('td', {}, label(r.status)), h('td', {}, label(r.legalBasis)),
        h('td', {}, label(r.source)), h('td', {}, r.recordedBy ?? '—'), h('td', {}, r.noticeVersion ?? '—'))))))
    .catch((error) => show(box, problemBox(error)));
}

async function subscriptions(id) {
  const choices = await api(`/api/subscriptions/persons/${id}`);
  const subscribed = Object.entries(choices.subscriptions).filter(([, on]) => on).map(([type]) => type);
  return facts([
    ['Subscribed to', subscribed.join(', ') || 'Nothing'],
    ['Global opt-out', choices.globalOptOut ? 'Yes: no marketing at all' : 'No'],
  ]);
}

async function activities(id) {
  const page = await api(`/api/contacts/persons/${id}/activities?size=20`);
  if (!page.items.length) return h('p', {}, 'No activity recorded.');
  return table(`The latest ${page.items.length} of ${page.total} activities`, ['When', 'Type', 'Subject', 'By'],
    page.items.map((a) => h('tr', {}, h('td', {}, when(a.occurredAt)), h('td', {}, label(a.type)), h('td', {}, a.subject ?? '—'),
      h('td', {}, a.createdBy ?? '—'))));
}

async function requests(id) {
  const page = await api(`/api/requests?${new URLSearchParams({ personId: id, size: '50' })}`);
  if (!page.items.length) return h('p', {}, 'No request names this person.');
  return table('Requests about the person', ['Request', 'Status', 'Received', 'Due'],
    page.items.map((r) => h('tr', {}, h('td', {}, h('a', { href: `#/requests/${r.id}` }, `${label(r.type)} request`)),
      h('td', {}, label(r.status)), h('td', {}, when(r.receivedAt)), h('td', {}, when(r.dueAt)))));
}
