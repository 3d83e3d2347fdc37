// The compliance overview for the DPO: requests overdue and due soon (erasure-service), open breaches with their
// 72-hour clocks (incident-service), where the base of persons stands (contact-service's compliance report), and the
// event backbone: the dead letters waiting and each service's outbox lag (every service's operations report), each
// part loading on its own.
import { api, part, problemBox } from './api.js';
import { clock, ticking } from './breaches.js';
import { h, label, show, table, when } from './dom.js';
import { DUE_SOON_DAYS } from './requests.js';

const LISTED = 10;
/** Every service answers for itself at /api/operations/<service> (libs/service-runtime); the gateway for itself too. */
const SERVICES = ['contact-service', 'consent-service', 'subscription-service', 'erasure-service', 'incident-service', 'gateway'];

export function render({ main }) {
  show(main, h('h1', { tabindex: '-1' }, 'Compliance overview'),
    part('overdue', 'Overdue requests', () => requests({ overdue: 'true' }, 'overdue')),
    part('due-soon', `Requests due within ${DUE_SOON_DAYS} days`, () => requests({ dueWithinDays: String(DUE_SOON_DAYS) }, 'due soon')),
    part('open-breaches', 'Open breaches', breaches),
    part('base', 'Persons', base),
    backbone());
  main.querySelector('h1').focus();
  return ticking(main);
}

async function requests(filter, what) {
  const found = await api(`/api/requests?${new URLSearchParams({ ...filter, size: String(LISTED) })}`);
  return [
    h('p', { class: 'count' }, h('strong', { 'data-count': found.total }, String(found.total)), ` request(s) ${what}`),
    found.items.length ? table(`The first ${found.items.length} by due date`, ['Due', 'Request', 'Status', 'Subject'],
      found.items.map((r) => h('tr', { 'data-request-id': r.id }, h('td', {}, when(r.dueAt)),
        h('td', {}, h('a', { href: `#/requests/${r.id}` }, `${label(r.type)} request`)),
        h('td', {}, label(r.status)), h('td', {}, r.email ?? `${r.personIds?.length ?? 0} person id(s)`)))) : null,
  ];
}

async function breaches() {
  const [all, late] = await Promise.all([api('/api/incidents?size=500'), api('/api/incidents?overdue=true&size=1')]);
  const open = all.items.filter((i) => i.status !== 'CLOSED');
  return [
    h('p', { class: 'count' }, h('strong', { 'data-count': open.length }, String(open.length)), ' open; ',
      h('strong', {}, String(late.total)), ' past the 72 hours without the authority told'),
    open.length ? table('Open breaches and the time left to tell the authority', ['Breach', 'Status', 'Risk', 'Authority within 72 hours'],
      open.map((i) => h('tr', { 'data-incident-id': i.id }, h('td', {}, h('a', { href: `#/breaches/${i.id}` }, `${i.reference}: ${i.title}`)),
        h('td', {}, label(i.status)), h('td', {}, label(i.risk)), h('td', {}, clock(i))))) : null,
  ];
}

/** A bar of a share in percent (set through the CSSOM: the CSP allows no inline style attribute). */
function bar(percent) {
  const filled = h('span', {});
  filled.style.width = `${percent}%`;
  return h('span', { class: 'meter', 'aria-hidden': 'true' }, filled);
}

/** The compliance report as bars: each count said in words, the bar only shows its share of all persons. */
async function base() {
  const report = await api('/api/contacts/compliance-report');
  const rows = [
    ['Without a legal basis', report.withoutLegalBasis],
    [`No activity for ${report.staleMonths} months`, report.stale],
    ['Restricted (Art. 18)', report.restricted],
    ['Anonymized', report.anonymized],
  ];
  const uncatalogued = Object.entries(report.uncataloguedFields ?? {});
  return [
    h('p', { class: 'count' }, h('strong', {}, String(report.persons)), ' persons in the CRM'),
    h('ul', { class: 'bars', 'aria-label': 'Persons by compliance finding' }, rows.map(([text, count]) => h('li', {},
      h('span', { class: 'bar-label' }, `${text}: ${count}`),
      bar(report.persons ? Math.min(100, (100 * count) / report.persons) : 0)))),
    uncatalogued.length
      ? h('p', {}, 'Custom fields outside the catalogue: ', uncatalogued.map(([k, n]) => `${k} (${n})`).join(', '))
      : h('p', {}, 'Every custom field is in the catalogue.'),
  ];
}

/** A duration in seconds for people: 45 s, 12 min, 3 h 5 min. */
function age(seconds) {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/**
 * The event backbone: the dead letters waiting and the outbox lag, from each service's operations report, asked of
 * all at once; a service that does not answer is shown unavailable and the rest stays. Refreshed on demand.
 */
function backbone() {
  const body = h('div', {}, h('p', {}, 'Loading…'));
  const status = h('p', { role: 'status', class: 'note', id: 'backbone-status' });
  const refresh = h('button', { type: 'button', id: 'backbone-refresh' }, 'Refresh');
  async function load() {
    refresh.disabled = true;
    const reports = await Promise.all(SERVICES.map((service) => api(`/api/operations/${service}`)
      .then((report) => ({ service, report }), (error) => ({ service, error }))));
    const answered = reports.filter((r) => r.report).length;
    show(body, deadLetters(reports), outbox(reports), unavailable(reports));
    show(status, `${answered} of ${reports.length} services answered, as of `, when(new Date().toISOString()), '.');
    refresh.disabled = false;
  }
  refresh.addEventListener('click', load);
  load();
  return h('section', { 'aria-labelledby': 'backbone-heading', id: 'backbone' },
    h('h2', { id: 'backbone-heading' }, 'Dead letters and outbox lag'), body, status, refresh);
}

/**
 * The records in each dead-letter topic (events a service could not apply), as bars of their share of the fullest
 * topic. Several services may write one topic (every consumer of contact.events writes contact.events.dlq): each
 * names it, counted once.
 */
function deadLetters(reports) {
  const topics = new Map();
  for (const { service, report } of reports) {
    for (const topic of report?.deadLetters?.topics ?? []) {
      const seen = topics.get(topic.topic) ?? { waiting: null, by: [] };
      seen.by.push(service);
      if (topic.waiting !== null && topic.waiting !== undefined) seen.waiting = Math.max(seen.waiting ?? 0, topic.waiting);
      topics.set(topic.topic, seen);
    }
  }
  const rows = [...topics.entries()].sort(([a], [b]) => a.localeCompare(b));
  const counted = rows.filter(([, t]) => t.waiting !== null);
  const total = counted.reduce((sum, [, t]) => sum + t.waiting, 0);
  const most = Math.max(1, ...counted.map(([, t]) => t.waiting));
  return h('div', { id: 'dead-letters' },
    h('h3', {}, 'Dead letters waiting'),
    h('p', { class: 'count' }, h('strong', { 'data-count': total }, String(total)),
      ` dead letter(s) waiting in ${counted.length} dead-letter topic(s)`),
    rows.length ? h('ul', { class: 'bars wide', 'aria-label': 'Dead letters waiting by topic' }, rows.map(([topic, t]) => h('li', { 'data-topic': topic },
      h('span', { class: 'bar-label' }, `${topic}: `,
        t.waiting === null ? 'not counted' : h('span', { 'data-count': t.waiting }, String(t.waiting)),
        h('span', { class: 'hint' }, ` (${t.by.join(', ')})`)),
      bar(t.waiting === null ? 0 : (100 * t.waiting) / most)))) : null);
}

/** Each service's outbox: events committed but not yet on Kafka and the age of the oldest, as bars of the largest. */
function outbox(reports) {
  const answered = reports.filter((r) => r.report);
  const pending = answered.reduce((sum, r) => sum + r.report.outbox.pending, 0);
  const oldest = Math.max(0, ...answered.map((r) => r.report.outbox.oldestPendingSeconds));
  const most = Math.max(1, ...answered.map((r) => r.report.outbox.pending));
  return h('div', { id: 'outbox' },
    h('h3', {}, 'Outbox lag'),
    h('p', { class: 'count' }, h('strong', { 'data-count': pending }, String(pending)), ' event(s) waiting to be published',
      pending ? `; the oldest for ${age(oldest)}` : ''),
    h('ul', { class: 'bars wide', 'aria-label': 'Outbox events waiting by service' }, reports.map(({ service, report }) => h('li',
      { 'data-service': service, 'data-state': report ? 'answered' : 'unavailable' },
      h('span', { class: 'bar-label' }, report
        ? [`${service}: `, h('span', { 'data-count': report.outbox.pending }, String(report.outbox.pending)), ' waiting',
          report.outbox.pending ? `, the oldest for ${age(report.outbox.oldestPendingSeconds)}` : '']
        : `${service}: unavailable`),
      bar(report ? (100 * report.outbox.pending) / most : 0)))));
}

/** The services that did not answer, each with the problem's title and detail. */
function unavailable(reports) {
  const failed = reports.filter((r) => r.error);
  if (!failed.length) return null;
  return h('div', { id: 'backbone-unavailable' },
    h('p', {}, 'Unavailable (their dead-letter topics are counted only where another service writes them too):'),
    h('ul', {}, failed.map(({ service, error }) => h('li', { 'data-service': service }, h('strong', {}, service), problemBox(error)))));
}
