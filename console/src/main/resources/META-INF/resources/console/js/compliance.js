// The compliance overview for the DPO: requests overdue and due soon (erasure-service), open breaches with their
// 72-hour clocks (incident-service), and where the base of persons stands (contact-service's compliance report),
// each part loading on its own.
import { api, part } from './api.js';
import { clock, ticking } from './breaches.js';
import { h, label, show, table, when } from './dom.js';
import { DUE_SOON_DAYS } from './requests.js';

const LISTED = 10;

export function render({ main }) {
  show(main, h('h1', { tabindex: '-1' }, 'Compliance overview'),
    part('overdue', 'Overdue requests', () => requests({ overdue: 'true' }, 'overdue')),
    part('due-soon', `Requests due within ${DUE_SOON_DAYS} days`, () => requests({ dueWithinDays: String(DUE_SOON_DAYS) }, 'due soon')),
    part('open-breaches', 'Open breaches', breaches),
    part('base', 'Persons', base));
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
