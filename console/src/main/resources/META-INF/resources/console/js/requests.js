// Data-subject requests (erasure-service's /api/requests): the queue by due date, and a request's page with its
// subject, verification, every participant's answer and the audit trail; the DPO approves, rejects and extends,
// completes a rectification once done, and looks at or hands over the export of an access request.
import { api, problemBox } from './api.js';
import { facts, h, label, show, table, when } from './dom.js';
import { exportSection, hasExport } from './export.js';

const STATUSES = ['RECEIVED', 'VERIFIED', 'APPROVED', 'IN_PROGRESS', 'COMPLETED', 'PARTIALLY_COMPLETED', 'REJECTED', 'FAILED'];
const TYPES = ['ACCESS', 'PORTABILITY', 'ERASURE', 'RECTIFICATION', 'RESTRICTION', 'OBJECTION'];
const FINAL = ['COMPLETED', 'PARTIALLY_COMPLETED', 'REJECTED', 'FAILED'];
export const DUE_SOON_DAYS = 7;
const POLL_MS = 1500;

export function render(context) {
  return context.id ? detail(context) : queue(context);
}

/** Overdue, due within a week, or neither (final requests are never due). */
function urgency(request, now = Date.now()) {
  if (FINAL.includes(request.status)) return null;
  if (request.overdue) return 'overdue';
  return new Date(request.dueAt).getTime() - now <= DUE_SOON_DAYS * 86_400_000 ? 'due-soon' : null;
}

function urgencyBadge(request) {
  const kind = urgency(request);
  if (!kind) return null;
  return h('span', { class: `badge ${kind}` }, kind === 'overdue' ? 'Overdue' : 'Due soon');
}

function choice(id, text, values, selected) {
  return [
    h('label', { for: id }, text),
    h(
      'select',
      { id, name: id },
      h('option', { value: '' }, 'All'),
      values.map((v) => h('option', { value: v, selected: v === selected }, label(v))),
    ),
  ];
}

function queue({ main, params }) {
  const status = params.get('status') ?? '';
  const type = params.get('type') ?? '';
  const results = h('div', { 'aria-live': 'polite' }, h('p', {}, 'Loading…'));
  const filters = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter requests' },
    choice('status', 'Status', STATUSES, status),
    choice('type', 'Type', TYPES, type),
    h('button', { type: 'submit' }, 'Filter'),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const name of ['status', 'type']) if (filters.elements[name].value) query.set(name, filters.elements[name].value);
    location.hash = `#/requests${query.size ? `?${query}` : ''}`;
  });
  show(main, h('h1', { tabindex: '-1' }, 'Requests'), filters, results);
  main.querySelector('h1').focus();
  const query = new URLSearchParams({ size: '500' });
  if (status) query.set('status', status);
  api(`/api/requests?${query}`)
    .then((page) => {
      // The API filters by status; the type is filtered here, on the (due-date ordered) page.
      const items = page.items
        .filter((r) => !type || r.type === type)
        .sort((a, b) => new Date(a.dueAt) - new Date(b.dueAt));
      show(
        results,
        h('p', {}, `${items.length} of ${page.total} requests`),
        table(
          'Requests by due date',
          ['Due', 'Request', 'Status', 'Subject', 'Received', 'Origin'],
          items.map((r) =>
            h(
              'tr',
              { 'data-request-id': r.id, class: urgency(r) ?? '' },
              h('td', {}, when(r.dueAt), ' ', urgencyBadge(r)),
              h('td', {}, h('a', { href: `#/requests/${r.id}` }, `${label(r.type)} request`)),
              h('td', {}, label(r.status)),
              h('td', {}, r.email ?? `${r.personIds?.length ?? 0} person id(s)`),
              h('td', {}, when(r.receivedAt)),
              h('td', {}, label(r.origin)),
            ),
          ),
        ),
      );
    })
    .catch((error) => show(results, problemBox(error)));
}

function verification(r) {
  if (r.origin === 'STAFF') return 'Taken by staff, who checked the person\u2019s identity.';
  if (r.origin === 'RETENTION') return 'Asked for by a retention sweep; no person to verify.';
  return r.status === 'RECEIVED'
    ? 'Waiting for the person to confirm their address.'
    : 'The person confirmed their address.';
}

function participant(task) {
  const answer = task.status === 'HELD' ? task.legalReason : task.status === 'FAILED' || task.status === 'TIMED_OUT' ? task.error : null;
  return h(
    'tr',
    { 'data-participant': task.participant },
    h('th', { scope: 'row' }, task.participant),
    h('td', {}, label(task.action)),
    h('td', {}, h('span', { class: `task ${task.status.toLowerCase()}` }, label(task.status))),
    h('td', {}, String(task.attempts)),
    h('td', {}, when(task.answeredAt)),
    h('td', {}, answer ?? '—'),
  );
}

function summary(r, audit) {
  return [
    h('p', { class: 'status-line' }, 'Status: ', h('strong', { id: 'request-status' }, label(r.status)), ' ', urgencyBadge(r)),
    h('section', { 'aria-labelledby': 'subject-heading' }, h('h2', { id: 'subject-heading' }, 'Subject'),
      facts([
        ['Email', r.email],
        ['Person ids', r.personIds?.length ? r.personIds.join(', ') : null],
        ['Origin', label(r.origin)],
        ['Verification', verification(r)],
      ])),
    h('section', { 'aria-labelledby': 'dates-heading' }, h('h2', { id: 'dates-heading' }, 'Dates'),
      facts([
        ['Received', when(r.receivedAt)],
        ['Due', when(r.dueAt)],
        ['Extended', r.extendedMonths ? `${r.extendedMonths} month(s): ${r.extensionReason}` : 'No'],
        ['Approved', r.approvedAt ? [when(r.approvedAt), ` by ${r.approvedBy}`] : null],
        ['Completed', when(r.completedAt)],
        ['Rejection reason', r.rejectionReason],
      ])),
    h('section', { 'aria-labelledby': 'participants-heading' }, h('h2', { id: 'participants-heading' }, 'Participants'),
      r.participants.length
        ? table('Each participant\u2019s progress and answer', ['Participant', 'Action', 'Status', 'Attempts', 'Answered', 'Reason or error'],
            r.participants.map(participant))
        : h('p', {}, 'No participant has been asked yet: the request goes out once approved.')),
    h('section', { 'aria-labelledby': 'audit-heading' }, h('h2', { id: 'audit-heading' }, 'Audit trail'),
      table('What happened to the request', ['When', 'Who', 'What', 'Detail'],
        audit.items.map((line) => h('tr', {}, h('td', {}, when(line.at)), h('td', {}, line.actor ?? '—'),
          h('td', {}, line.action), h('td', {}, line.detail ?? '—'))))),
  ];
}

function detail({ main, id, session }) {
  let timer = null;
  let left = false;
  let release = () => {};
  const state = h('div', {});
  const actions = h('div', {});
  const message = h('div', { role: 'status', class: 'message' });
  const failure = h('div', {});
  show(main, h('p', {}, h('a', { href: '#/requests' }, 'All requests')), h('h1', { tabindex: '-1' }, 'Request'),
    message, failure, actions, state);
  main.querySelector('h1').focus();

  async function load() {
    const [r, audit] = await Promise.all([api(`/api/requests/${id}`), api(`/api/requests/${id}/audit?size=1000`)]);
    if (left) return null;
    main.querySelector('h1').textContent = `${label(r.type)} request`;
    show(state, summary(r, audit));
    return [r, audit];
  }

  function act(done, call) {
    return async (event) => {
      event.preventDefault();
      show(failure);
      try {
        const said = await call(event.target);
        show(message, typeof said === 'string' ? said : done);
        refresh(true);
      } catch (error) {
        show(failure, problemBox(error));
      }
    };
  }

  function decisions(r, audit) {
    release();
    release = () => {};
    if (!session.has('dpo')) return show(actions);
    if (hasExport(r)) {
      const [section, free] = exportSection(r, audit, () => load().catch((error) => show(failure, problemBox(error))));
      release = free;
      return show(actions, section);
    }
    if (FINAL.includes(r.status)) return show(actions);
    const approvable = r.status === 'RECEIVED' || r.status === 'VERIFIED';
    const reason = (id) => [h('label', { for: id }, 'Reason'), h('textarea', { id, name: 'reason', required: true, rows: 2, maxlength: 2000 })];
    show(actions, h('section', { 'aria-labelledby': 'decide-heading' }, h('h2', { id: 'decide-heading' }, 'Decide'),
      approvable ? h('button', { type: 'button', id: 'approve',
        onclick: act(r.type === 'RECTIFICATION' ? 'Approved: correct the data, then complete the request.'
          : 'Approved: the participants are asked now.', () => api(`/api/requests/${id}/approval`, { method: 'POST' })) }, 'Approve') : null,
      approvable ? h('form', { id: 'reject', class: 'decision', 'aria-label': 'Reject',
        onsubmit: act('Rejected.', (form) => api(`/api/requests/${id}/rejection`, { method: 'POST', body: { reason: form.elements.reason.value } })) },
        reason('reject-reason'), h('button', { type: 'submit' }, 'Reject')) : null,
      r.extendedMonths < 2 ? h('form', { id: 'extend', class: 'decision', 'aria-label': 'Extend',
        onsubmit: act('Extended.', (form) => api(`/api/requests/${id}/extension`, { method: 'POST',
          body: { months: Number(form.elements.months.value), reason: form.elements.reason.value } })) },
        h('label', { for: 'extend-months' }, 'Months'),
        h('select', { id: 'extend-months', name: 'months' }, [1, 2].filter((m) => m + r.extendedMonths <= 2)
          .map((m) => h('option', { value: m }, `${m} month${m > 1 ? 's' : ''}`))),
        reason('extend-reason'), h('button', { type: 'submit' }, 'Extend')) : null),
      r.type === 'RECTIFICATION' && r.status === 'APPROVED' ? rectification(r) : null);
  }

  /** Art. 16 is carried out by hand: the DPO (or staff) corrects the data, then completes; Art. 19 tells recipients. */
  function rectification(r) {
    const persons = r.personIds ?? [];
    return h('form', { id: 'rectify', class: 'decision', 'aria-labelledby': 'rectify-heading',
      onsubmit: act('Completed: the person is told.', async (form) => {
        await api(`/api/requests/${id}/completion`, { method: 'POST' });
        if (persons.length && form.elements.recipients.checked) {
          const told = await api('/api/consents/recipients/notifications', { method: 'POST',
            body: { requestId: id, kind: 'RECTIFICATION', personIds: persons } });
          return `Completed: the person is told; ${told.total} recipient notice(s) under way.`;
        }
        return null;
      }) },
      h('h2', { id: 'rectify-heading' }, 'Complete the rectification'),
      h('p', {}, persons.length
        ? ['Correct the data on the person’s page, then mark the request completed: ',
            persons.map((p, i) => [i ? ', ' : '', h('a', { href: `#/persons/${p}` }, `person ${p.substring(0, 8)}`)])]
        : 'No person is known by the request’s address: correct the data where it is kept, then mark the request completed.'),
      persons.length ? h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'recipients', id: 'tell-recipients', checked: true }),
        ' Tell the recipients of their data (Art. 19)') : null,
      h('div', {}, h('button', { type: 'submit', id: 'complete' }, 'Mark completed')));
  }

  // While the participants work the page follows them; decisions are redrawn only when the status changes.
  async function refresh(decided = false) {
    clearTimeout(timer);
    try {
      const before = state.querySelector('#request-status')?.textContent;
      const loaded = await load();
      if (!loaded) return;
      const [r, audit] = loaded;
      if (decided || before !== label(r.status)) decisions(r, audit);
      if (!FINAL.includes(r.status) && r.status !== 'RECEIVED' && r.status !== 'VERIFIED') {
        timer = setTimeout(() => refresh(), POLL_MS);
      }
    } catch (error) {
      show(failure, problemBox(error));
    }
  }
  refresh(true);
  return () => {
    left = true;
    clearTimeout(timer);
    release();
  };
}
