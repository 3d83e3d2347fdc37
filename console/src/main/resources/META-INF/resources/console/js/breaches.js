// Personal-data breaches (incident-service's /api/incidents): the register with each open breach's 72-hour clock
// (Art. 33) counting down from awareness, a report form, and a breach's page: describe it for the notification
// (Art. 33(3)), assess the risk, add affected persons, record the authority's notification (when, its reference),
// send the persons' notices (Art. 34); the Art. 33(3) report to print.
import { api, problemBox } from './api.js';
import { facts, h, label, show, table, when } from './dom.js';

const LIKELIHOODS = ['REMOTE', 'POSSIBLE', 'LIKELY', 'ALMOST_CERTAIN'];
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'];
const NATURES = ['CONFIDENTIALITY', 'INTEGRITY', 'AVAILABILITY'];
/** The next step of the life cycle (assessed is reached by the risk assessment) and its button. */
const NEXT = { REPORTED: ['TRIAGED', 'Triage'], ASSESSED: ['CONTAINED', 'Mark contained'], CONTAINED: ['CLOSED', 'Close'] };
const UUID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export function render(context) {
  if (context.id === 'new') return report(context);
  if (context.id?.endsWith('/report')) return authorityReport({ ...context, id: context.id.replace(/\/report$/, '') });
  return context.id ? detail(context) : register(context);
}

/** The time left to notify the authority, or how late it is; null once notified or closed. */
function clockText(incident, now = Date.now()) {
  if (incident.authorityNotifiedAt || incident.status === 'CLOSED' || !incident.notifyBy) return null;
  const left = Math.round((new Date(incident.notifyBy).getTime() - now) / 1000);
  const span = Math.abs(left);
  const hours = Math.floor(span / 3600);
  const minutes = String(Math.floor((span % 3600) / 60)).padStart(2, '0');
  const seconds = String(span % 60).padStart(2, '0');
  return left >= 0 ? `${hours}:${minutes}:${seconds} left` : `${hours}:${minutes}:${seconds} overdue`;
}

/** A clock element that the page ticks every second (not announced: a screen reader reads it when it gets there). */
export function clock(incident) {
  const text = clockText(incident);
  if (!text) return incident.authorityNotifiedAt ? 'Authority notified' : '—';
  return h('span', { class: `clock${text.endsWith('overdue') ? ' overdue' : ''}`, 'data-notify-by': incident.notifyBy,
    'data-incident': JSON.stringify({ notifyBy: incident.notifyBy, status: incident.status }) }, text);
}

export function ticking(main) {
  const timer = setInterval(() => {
    for (const element of main.querySelectorAll('.clock')) {
      const text = clockText(JSON.parse(element.dataset.incident));
      if (text) element.textContent = text;
    }
  }, 1000);
  return () => clearInterval(timer);
}

function register({ main }) {
  const results = h('div', { 'aria-live': 'polite' }, h('p', {}, 'Loading…'));
  show(main, h('h1', { tabindex: '-1' }, 'Breaches'), h('p', {}, h('a', { href: '#/breaches/new', class: 'button' }, 'Report a breach')), results);
  main.querySelector('h1').focus();
  api('/api/incidents?size=200')
    .then((page) => show(results, h('p', {}, `${page.total} breaches in the register`),
      table('The breach register, newest first', ['Reference', 'Breach', 'Status', 'Risk', 'Aware since', 'Authority within 72 hours'],
        page.items.map((i) => h('tr', { 'data-incident-id': i.id },
          h('td', {}, i.reference),
          h('td', {}, h('a', { href: `#/breaches/${i.id}` }, i.title)),
          h('td', {}, label(i.status)),
          h('td', {}, label(i.risk)),
          h('td', {}, when(i.awareAt)),
          h('td', {}, clock(i)))))))
    .catch((error) => show(results, problemBox(error)));
  return ticking(main);
}

function field(id, text, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, text), control);
}

/** An instant as the value of a datetime-local input, in the browser's time zone (to the minute). */
function localInput(instant) {
  if (!instant) return '';
  const at = new Date(instant);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().substring(0, 16);
}

/** A datetime-local value as an instant; null when empty. */
function instantOf(value) {
  return value ? new Date(value).toISOString() : null;
}

/** A contact of the record of processing activities (name, email, phone) as one line; null without one. */
function contactOf(contact) {
  const parts = [contact?.name, contact?.email, contact?.phone].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

/** A count typed by the DPO; null when empty (what was recorded stays). */
function countOf(value) {
  return value.trim() === '' ? null : Number(value);
}

/** Categories typed one a line or separated by commas. */
function listOf(text) {
  return text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean);
}

function report({ main }) {
  const failure = h('div', {});
  const local = localInput(new Date().toISOString());
  const form = h('form', { class: 'stacked', id: 'report' },
    field('title', 'Title', h('input', { id: 'title', name: 'title', required: true, maxlength: 300 })),
    h('fieldset', {}, h('legend', {}, 'Nature'), NATURES.map((n) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'nature', value: n }), ` ${label(n)}`))),
    field('description', 'Description', h('textarea', { id: 'description', name: 'description', required: true, rows: 4 })),
    field('awareAt', 'Aware since (your local time)', h('input', { id: 'awareAt', name: 'awareAt', type: 'datetime-local', value: local, max: local, required: true })),
    h('button', { type: 'submit' }, 'Report'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    show(failure);
    try {
      const reported = await api('/api/incidents', { method: 'POST', body: {
        title: form.elements.title.value,
        nature: [...form.querySelectorAll('input[name=nature]:checked')].map((c) => c.value),
        description: form.elements.description.value,
        awareAt: new Date(form.elements.awareAt.value).toISOString(),
      } });
      location.hash = `#/breaches/${reported.id}`;
    } catch (error) {
      show(failure, problemBox(error));
    }
  });
  show(main, h('p', {}, h('a', { href: '#/breaches' }, 'All breaches')), h('h1', { tabindex: '-1' }, 'Report a breach'), failure, form);
  main.querySelector('h1').focus();
}

function detail({ main, id }) {
  const state = h('div', {});
  const message = h('div', { role: 'status', class: 'message' });
  const failure = h('div', {});
  show(main, h('p', {}, h('a', { href: '#/breaches' }, 'All breaches'), ' \u00b7 ',
    h('a', { href: `#/breaches/${id}/report`, id: 'authority-report-link' }, 'The Art. 33(3) report, printable')),
  h('h1', { tabindex: '-1' }, 'Breach'), message, failure, state);
  main.querySelector('h1').focus();

  function form(formId, title, controls, submit, call) {
    const element = h('form', { id: formId, class: 'stacked', 'aria-labelledby': `${formId}-heading` },
      h('h2', { id: `${formId}-heading` }, title), controls, h('button', { type: 'submit' }, submit));
    element.addEventListener('submit', async (event) => {
      event.preventDefault();
      show(failure);
      try {
        show(message, await call(element.elements));
        await load();
      } catch (error) {
        show(failure, problemBox(error));
      }
    });
    return element;
  }

  function options(values) {
    return values.map((v) => h('option', { value: v }, label(v)));
  }

  async function load() {
    const [i, timeline] = await Promise.all([api(`/api/incidents/${id}`), api(`/api/incidents/${id}/timeline`)]);
    // The DPO's contact is in the record of processing activities (Art. 30(1)(a)): offered until one is recorded.
    const register = i.dpoContact || i.status === 'CLOSED' ? null : await api('/api/consents/register/controller').catch(() => null);
    main.querySelector('h1').textContent = `${i.reference}: ${i.title}`;
    show(state,
      facts([
        ['Status', label(i.status)],
        ['Aware since', when(i.awareAt)],
        ['Authority within 72 hours', clock(i)],
        ['Risk', i.risk ? `${label(i.risk)} (likelihood ${label(i.likelihood)}, severity ${label(i.severity)})` : 'Not assessed'],
        ['Affected persons', String(i.affectedPersons)],
        ['Authority notified', i.authorityNotifiedAt ? [when(i.authorityNotifiedAt), ` (${i.authorityReference})`] : 'No'],
        ['Description', i.description],
      ]),
      NEXT[i.status] ? form('advance', 'Life cycle', [], NEXT[i.status][1], async () => {
        const moved = await api(`/api/incidents/${id}/status`, { method: 'POST', body: { status: NEXT[i.status][0] } });
        return `Now ${label(moved.status).toLowerCase()}.`;
      }) : null,
      i.status === 'TRIAGED' || i.status === 'ASSESSED' ? form('assess', 'Assess the risk', [
        field('likelihood', 'Likelihood', h('select', { id: 'likelihood', name: 'likelihood' }, options(LIKELIHOODS))),
        field('severity', 'Severity', h('select', { id: 'severity', name: 'severity' }, options(SEVERITIES))),
        field('rationale', 'Rationale', h('textarea', { id: 'rationale', name: 'rationale', required: true, rows: 2 })),
      ], 'Assess', async (f) => {
        const assessed = await api(`/api/incidents/${id}/assessment`, { method: 'POST',
          body: { likelihood: f.likelihood.value, severity: f.severity.value, rationale: f.rationale.value } });
        return `Assessed: ${label(assessed.risk)}.`;
      }) : null,
      i.status !== 'CLOSED' ? details(i, contactOf(register?.document?.dpo)) : null,
      form('affected', 'Add affected persons', [
        field('person-ids', 'Person ids (pasted, any separator)', h('textarea', { id: 'person-ids', name: 'personIds', required: true, rows: 3 })),
      ], 'Add', async (f) => {
        const personIds = f.personIds.value.match(UUID_PATTERN) ?? [];
        const added = await api(`/api/incidents/${id}/affected-persons`, { method: 'POST', body: { personIds } });
        return `${added.count} affected person(s) added.`;
      }),
      i.authorityNotificationRequired && i.risk && !i.authorityNotifiedAt ? form('authority', 'Record the authority\u2019s notification', [
        field('notified-at', 'Notified at (your local time)', h('input', { id: 'notified-at', name: 'notifiedAt', type: 'datetime-local',
          value: localInput(new Date().toISOString()), min: localInput(i.awareAt), max: localInput(new Date().toISOString()), required: true })),
        field('authority-reference', 'Authority\u2019s reference', h('input', { id: 'authority-reference', name: 'reference', required: true, maxlength: 200 })),
        field('delay-reason', 'Reason for a delay beyond 72 hours (if late)', h('textarea', { id: 'delay-reason', name: 'delayReason', rows: 2 })),
      ], 'Record', async (f) => {
        await api(`/api/incidents/${id}/authority-notification`, { method: 'POST',
          body: { notifiedAt: instantOf(f.notifiedAt.value), reference: f.reference.value, delayReason: f.delayReason.value || null } });
        return 'The authority\u2019s notification is recorded.';
      }) : null,
      i.subjectNotificationRequired ? form('notify', 'Tell the affected persons (Art. 34)', [], 'Send notices', async () => {
        const sent = await api(`/api/incidents/${id}/subject-notifications`, { method: 'POST' });
        return `${sent.count} notice(s) sent.`;
      }) : null,
      h('section', { 'aria-labelledby': 'timeline-heading' }, h('h2', { id: 'timeline-heading' }, 'Timeline'),
        table('What happened to the breach', ['When', 'Who', 'What', 'Detail'],
          timeline.map((e) => h('tr', {}, h('td', {}, when(e.at)), h('td', {}, e.actor ?? '—'), h('td', {}, e.action), h('td', {}, e.detail ?? '—'))))));
  }

  /**
   * What Art. 33(3) asks the notification to contain, filled in with what is recorded: saving sends every field
   * (PUT .../details), an emptied text clears it, an emptied count or date leaves it as recorded.
   */
  function details(i, offered) {
    const text = (key, title, value, rows = 3) => field(key, title,
      h('textarea', { id: key, name: key, rows, maxlength: 10_000 }, value ?? ''));
    const number = (key, title, value) => field(key, title,
      h('input', { id: key, name: key, type: 'number', min: 0, step: 1, inputmode: 'numeric', value: value ?? '' }));
    return form('details', 'Describe the breach for the notification (Art. 33(3))', [
      h('fieldset', {}, h('legend', {}, 'Nature of the breach'), NATURES.map((n) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'nature', value: n, checked: (i.nature ?? []).includes(n) }), ` ${label(n)}`))),
      field('details-description', 'What happened', h('textarea', { id: 'details-description', name: 'description', required: true, rows: 3, maxlength: 20_000 }, i.description ?? '')),
      field('occurred-at', 'Occurred (your local time, if known)', h('input', { id: 'occurred-at', name: 'occurredAt', type: 'datetime-local',
        value: localInput(i.occurredAt), max: localInput(i.awareAt) })),
      text('data-categories', 'Categories of personal data concerned (one a line or separated by commas)', (i.dataCategories ?? []).join(', '), 2),
      number('approx-subjects', 'Approximate number of persons concerned', i.approxSubjects),
      number('approx-records', 'Approximate number of personal data records concerned', i.approxRecords),
      text('likely-consequences', 'Likely consequences of the breach', i.likelyConsequences),
      text('measures', 'Measures taken or proposed, including those to mitigate its possible adverse effects', i.measures),
      field('dpo-contact', 'Contact point for more information (the data protection officer\u2019s name and address)',
        h('input', { id: 'dpo-contact', name: 'dpoContact', maxlength: 500, value: i.dpoContact || offered || '',
          'aria-describedby': !i.dpoContact && offered ? 'dpo-contact-hint' : null })),
      !i.dpoContact && offered ? h('p', { class: 'hint', id: 'dpo-contact-hint' },
        'Filled in from the record of processing activities; saved with the details.') : null,
    ], 'Save the details', async (f) => {
      await api(`/api/incidents/${id}/details`, { method: 'PUT', body: {
        nature: [...f].filter((e) => e.name === 'nature' && e.checked).map((e) => e.value),
        description: f.description.value.trim() || null,
        occurredAt: instantOf(f.occurredAt.value),
        dataCategories: listOf(f['data-categories'].value),
        approxSubjects: countOf(f['approx-subjects'].value),
        approxRecords: countOf(f['approx-records'].value),
        likelyConsequences: f['likely-consequences'].value.trim(),
        measures: f.measures.value.trim(),
        dpoContact: f.dpoContact.value.trim(),
      } });
      return 'The breach\u2019s details are saved; the Art. 33(3) report shows them.';
    });
  }

  load().catch((error) => show(failure, problemBox(error)));
  return ticking(main);
}

/** A recorded value, or a visible gap the DPO should fill before sending the report. */
function recorded(value) {
  const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length);
  if (empty) return h('span', { class: 'gap' }, 'Not recorded');
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function count(value) {
  return value === null || value === undefined ? recorded(null) : `about ${new Intl.NumberFormat('en-GB').format(value)}`;
}

/**
 * What Art. 33(3) asks the notification to the supervisory authority to contain, from the breach as incident-service
 * has it, laid out to print (the bar, the links and the button are left out on paper).
 */
function authorityReport({ main, id }) {
  const failure = h('div', {});
  const body = h('div', {}, h('p', {}, 'Loading…'));
  const print = h('button', { type: 'button', id: 'print', class: 'no-print', onclick: () => window.print() }, 'Print');
  show(main, h('p', { class: 'no-print' }, h('a', { href: `#/breaches/${id}` }, 'Back to the breach')),
    h('article', { class: 'report', 'aria-labelledby': 'report-heading' },
      h('h1', { tabindex: '-1', id: 'report-heading' }, 'Notification of a personal data breach (Art. 33 GDPR)'),
      failure, body),
    print);
  main.querySelector('h1').focus();
  api(`/api/incidents/${id}`).then((i) => {
    const section = (key, title, content) => h('section', { 'aria-labelledby': `report-${key}`, 'data-part': key },
      h('h2', { id: `report-${key}` }, title), content);
    show(body,
      facts([
        ['Reference', i.reference],
        ['Breach', i.title],
        ['Status', label(i.status)],
        ['Prepared', when(new Date().toISOString())],
      ]),
      section('timing', 'When', facts([
        ['Occurred', i.occurredAt ? when(i.occurredAt) : recorded(null)],
        ['Controller aware since', when(i.awareAt)],
        ['To be notified by (72 hours)', when(i.notifyBy)],
        ['Authority notified', i.authorityNotifiedAt ? [when(i.authorityNotifiedAt), ` (reference ${i.authorityReference})`] : 'Not yet'],
        ['Reasons for the delay (Art. 33(1))', i.authorityDelayReason ?? (i.overdue ? recorded(null) : 'No delay')],
      ])),
      section('nature', 'Nature of the breach (Art. 33(3)(a))', [
        facts([
          ['Kind', recorded((i.nature ?? []).map((n) => `${label(n).toLowerCase()} breach`))],
          ['What happened', recorded(i.description)],
        ]),
        h('h3', {}, 'Persons and records concerned'),
        facts([
          ['Categories of personal data', recorded(i.dataCategories)],
          ['Approximate number of persons concerned', count(i.approxSubjects)],
          ['Persons identified in the register', String(i.affectedPersons)],
          ['Approximate number of records concerned', count(i.approxRecords)],
        ]),
      ]),
      section('contact', 'Data protection officer or other contact point (Art. 33(3)(b))', h('p', {}, recorded(i.dpoContact))),
      section('consequences', 'Likely consequences of the breach (Art. 33(3)(c))', facts([
        ['Likely consequences', recorded(i.likelyConsequences)],
        ['Risk to the persons', i.risk ? `${label(i.risk)} (likelihood ${label(i.likelihood).toLowerCase()}, severity ${label(i.severity).toLowerCase()})` : h('span', { class: 'gap' }, 'Not assessed yet')],
        ['Why', recorded(i.riskRationale)],
      ])),
      section('measures', 'Measures taken or proposed (Art. 33(3)(d))', facts([
        ['Measures, including to mitigate its possible adverse effects', recorded(i.measures)],
        ['The persons told (Art. 34)', i.subjectNotificationRequired ? 'Required: high risk'
          : i.art34Exception ? `Not required: ${label(i.art34Exception).toLowerCase()}${i.art34ExceptionReason ? `, ${i.art34ExceptionReason}` : ''}` : 'Not required'],
      ])));
  }).catch((error) => {
    show(body);
    show(failure, problemBox(error));
  });
}
