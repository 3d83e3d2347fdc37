// Staff users (the gateway's /api/staff, docs/staff-users.md): the directory for admins and the DPO (name, username,
// role, consent confirmation, termination; the API gives no email), and for admins a user's page with the role, a
// new temporary password and the end of their access, and the form that creates a user. A temporary password is in
// the page once, never stored: leaving the page drops it.
import { api, problemBox, Problem } from './api.js';
import { facts, h, show, table, when } from './dom.js';

const PAGE_SIZE = 50;
/** The staff roles an admin may give (the gateway's gdpr.gateway.staff.roles), one each. */
export const ROLES = [
  ['dpo', 'DPO'],
  ['sales', 'Sales'],
  ['marketing', 'Marketing'],
  ['support', 'Support'],
  ['finance', 'Finance'],
  ['admin', 'Admin'],
];

export function roleLabel(role) {
  return ROLES.find(([value]) => value === role)?.[1] ?? role ?? '—';
}

/** "First Last", or the username when the realm holds no name. */
export function staffName(user) {
  return `${user.firstName ?? ''} ${user.lastName ?? ''}`.trim() || user.username || '—';
}

/** Who confirmed the person's consent at creation, and when; accounts not made through the suite have no record. */
export function consentText(user) {
  if (!user.consentConfirmedAt) return 'Not recorded (the account was not created through the suite)';
  return h('span', {}, 'Confirmed by ', user.consentConfirmedBy ?? '—', ', ', when(user.consentConfirmedAt));
}

function access(user) {
  if (user.active) return 'Active';
  return h('span', {}, h('span', { class: 'badge overdue' }, 'Terminated'), ' ', when(user.terminatedAt),
    user.terminatedBy ? ` by ${user.terminatedBy}` : '');
}

export function render(context) {
  if (context.id === 'new') return create(context);
  return context.id ? detail(context) : directory(context);
}

function field(id, text, control, hint) {
  return h('div', { class: 'field' }, h('label', { for: id }, text), hint ? h('p', { id: `${id}-hint` }, hint) : null, control);
}

function roleOptions(selected) {
  return ROLES.map(([value, text]) => h('option', { value, selected: value === selected }, text));
}

function directory({ main, params, session }) {
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const username = params.get('username') ?? '';
  const results = h('div', { 'aria-live': 'polite' }, h('p', {}, 'Loading…'));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Find a staff user by username' },
    h('div', {}, h('label', { for: 'staff-username' }, 'Username (as a record names the user)'),
      h('input', { id: 'staff-username', name: 'username', type: 'search', value: username, maxlength: 200, autocomplete: 'off' })),
    h('button', { type: 'submit' }, 'Find'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = form.elements.username.value.trim();
    location.hash = `#/staff${value ? `?${new URLSearchParams({ username: value })}` : ''}`;
  });
  show(main, h('h1', { tabindex: '-1' }, 'Staff'),
    h('p', {}, 'The suite\u2019s users, by last name. Users whose access ended stay listed with their name, id and last role, for the audit; the directory holds no email.'),
    session.has('admin') ? h('p', {}, h('a', { href: '#/staff/new', class: 'button', id: 'add-staff' }, 'Add a staff user')) : null,
    form, results);
  main.querySelector('h1').focus();

  const query = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
  if (username) query.set('username', username);
  api(`/api/staff?${query}`)
    .then((found) => {
      const last = Math.max(0, Math.ceil(found.total / PAGE_SIZE) - 1);
      const pageOf = (n) => {
        const next = new URLSearchParams();
        if (username) next.set('username', username);
        if (n) next.set('page', String(n));
        return `#/staff${next.size ? `?${next}` : ''}`;
      };
      show(results,
        h('p', { id: 'staff-count' }, found.total
          ? `${found.total} staff user(s); page ${page + 1} of ${last + 1}`
          : username ? 'No staff user has this username.' : 'No staff user in the directory yet: users appear once created or changed here.'),
        found.items.length ? table('The staff directory', ['Name', 'Username', 'Role', 'Consent confirmation', 'Access'],
          found.items.map((u) => h('tr', { 'data-staff-id': u.id, 'data-username': u.username },
            h('td', {}, h('a', { href: `#/staff/${u.id}` }, staffName(u))),
            h('td', {}, h('code', {}, u.username)),
            h('td', {}, roleLabel(u.role)),
            h('td', {}, consentText(u)),
            h('td', {}, access(u))))) : null,
        username ? h('p', {}, h('a', { href: '#/staff' }, 'The whole directory')) : null,
        h('nav', { 'aria-label': 'Pages of the staff directory', class: 'actions' },
          page > 0 ? h('a', { href: pageOf(page - 1) }, 'Previous page') : null,
          page < last ? h('a', { href: pageOf(page + 1) }, 'Next page') : null));
    })
    .catch((error) => show(results, problemBox(error)));
}

/** The temporary password, in this page only: the suite does not keep it and cannot show it again. */
function passwordNotice(user, issued) {
  const secondFactor = user.role === 'dpo' || user.role === 'admin';
  return h('div', { class: 'message', id: 'temporary-password-notice' },
    h('p', {}, h('strong', {}, 'Shown only now.'),
      ` Hand this temporary password to ${staffName(user)} yourself, apart from their email address. The suite does not keep it and cannot show it again; if it is lost, issue a new one.`),
    h('p', {}, 'Temporary password: ', h('code', { id: 'temporary-password' }, issued.temporaryPassword)),
    h('p', {}, 'Valid for the first sign-in until ', when(issued.temporaryPasswordValidUntil),
      `. At that sign-in they choose a password of their own${secondFactor ? ' and set up their second factor' : ''}.`));
}

function create({ main, session }) {
  show(main, h('p', {}, h('a', { href: '#/staff' }, 'The staff directory')), h('h1', { tabindex: '-1' }, 'Add a staff user'));
  main.querySelector('h1').focus();
  if (!session.has('admin')) {
    main.append(h('p', {}, 'Only admins add staff users.'));
    return;
  }
  const failure = h('div', {});
  const form = h('form', { class: 'stacked', id: 'create-staff', autocomplete: 'off' },
    h('p', {}, 'The suite asks for what the account needs and nothing more: a name, the email they sign in with, and one role.'),
    field('first-name', 'First name', h('input', { id: 'first-name', name: 'firstName', required: true, maxlength: 100, autocomplete: 'off' })),
    field('last-name', 'Last name', h('input', { id: 'last-name', name: 'lastName', required: true, maxlength: 100, autocomplete: 'off' })),
    field('email', 'Email (they sign in with it)', h('input', { id: 'email', name: 'email', type: 'email', required: true, maxlength: 254, autocomplete: 'off' })),
    field('new-role', 'Role', h('select', { id: 'new-role', name: 'role', required: true },
      h('option', { value: '' }, 'Choose a role'), roleOptions(null))),
    h('fieldset', {}, h('legend', {}, 'Consent (Art. 7)'),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'consent-confirmed', name: 'consentConfirmed' }),
        ' I confirm that the person gave their active consent to the suite using their name, email and role for their staff account.')),
    h('button', { type: 'submit' }, 'Create the user'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    show(failure);
    const f = form.elements;
    try {
      const created = await api('/api/staff', { method: 'POST', body: {
        firstName: f.firstName.value.trim(),
        lastName: f.lastName.value.trim(),
        email: f.email.value.trim(),
        role: f.role.value,
        consentConfirmed: f.consentConfirmed.checked,
      } });
      const user = created.user;
      const done = h('section', { 'aria-labelledby': 'created-heading', id: 'created', 'data-staff-id': user.id },
        h('h2', { id: 'created-heading', tabindex: '-1' }, `${staffName(user)} is a staff user now`),
        facts([['Username', h('code', {}, user.username)], ['Role', roleLabel(user.role)], ['Consent confirmation', consentText(user)]]),
        passwordNotice(user, created),
        h('p', { class: 'actions' },
          h('a', { href: `#/staff/${user.id}`, id: 'created-user' }, `${staffName(user)}\u2019s page`),
          h('a', { href: '#/staff' }, 'The staff directory')));
      form.replaceWith(done);
      done.querySelector('h2').focus();
    } catch (error) {
      show(failure, problemBox(error));
    }
  });
  main.append(failure, form);
}

function detail({ main, id, session }) {
  const heading = h('h1', { tabindex: '-1' }, 'Staff user');
  const message = h('div', { role: 'status', class: 'message' });
  const failure = h('div', {});
  const state = h('div', {}, h('p', {}, 'Loading…'));
  const actions = h('div', {});
  show(main, h('p', {}, h('a', { href: '#/staff' }, 'The staff directory')), heading, message, failure, state, actions);
  heading.focus();

  async function load() {
    const user = await api(`/api/staff/${id}`);
    heading.textContent = staffName(user);
    show(state, facts([
      ['Username', h('code', {}, user.username)],
      ['Role', h('span', { id: 'staff-role' }, roleLabel(user.role))],
      ['Consent confirmation', consentText(user)],
      ['In the directory since', when(user.createdAt)],
      ['Access', h('span', { id: 'staff-access' }, access(user))],
    ]));
    if (!user.active) {
      show(actions, h('p', {}, 'Their access has ended. The directory keeps their name, id and last role for the audit (Art. 17(3)(e)); nothing else.'));
    }
    return user;
  }

  /** An admin's action: its outcome in the status line, a refusal as the problem; the facts reloaded. */
  function act(call) {
    return async (event) => {
      event.preventDefault();
      show(failure);
      try {
        show(message, await call());
        await load();
      } catch (error) {
        show(failure, problemBox(error));
      }
    };
  }

  function adminActions(user) {
    const name = staffName(user);
    const roleForm = h('form', { id: 'change-role', class: 'stacked', 'aria-labelledby': 'change-role-heading' },
      h('h2', { id: 'change-role-heading' }, 'Role'),
      field('role', 'Role', h('select', { id: 'role', name: 'role', 'aria-describedby': 'role-hint' }, roleOptions(user.role)),
        'One role per user; their next token (within minutes, or at their next sign-in) carries it.'),
      h('button', { type: 'submit' }, 'Change the role'));
    roleForm.addEventListener('submit', act(async () => {
      const changed = await api(`/api/staff/${id}/role`, { method: 'PUT', body: { role: roleForm.elements.role.value } });
      return `Role changed to ${roleLabel(changed.role)}.`;
    }));

    const issued = h('div', {});
    const password = h('section', { id: 'password', 'aria-labelledby': 'password-heading' },
      h('h2', { id: 'password-heading' }, 'Temporary password'),
      h('p', {}, `A new first-login password replaces ${name}\u2019s password, e.g. when the first one expired unused; they choose their own at the next sign-in.`),
      h('button', { type: 'button', id: 'issue-password' }, 'Issue a new temporary password'),
      issued);
    password.querySelector('button').addEventListener('click', act(async () => {
      const answer = await api(`/api/staff/${id}/temporary-password`, { method: 'POST' });
      show(issued, passwordNotice(answer.user, answer));
      return 'A new temporary password is issued.';
    }));

    const confirmation = h('input', { type: 'checkbox', id: 'confirm-termination', name: 'confirmed' });
    const end = h('form', { id: 'terminate', class: 'stacked', 'aria-labelledby': 'terminate-heading' },
      h('h2', { id: 'terminate-heading' }, 'End access'),
      h('p', {}, `${name} is signed out everywhere, their account disabled and its email deleted; the directory keeps their name, id and last role for the audit. This cannot be undone.`),
      h('label', { class: 'check' }, confirmation, ` I confirm that ${name}\u2019s access ends now.`),
      h('div', {}, h('button', { type: 'submit' }, 'End access')));
    end.addEventListener('submit', act(async () => {
      if (!confirmation.checked) {
        throw new Problem(0, 'Not confirmed', `Tick the confirmation to end ${name}\u2019s access.`);
      }
      await api(`/api/staff/${id}/termination`, { method: 'POST' });
      heading.focus();
      return `${name}\u2019s access has ended.`;
    }));
    return [roleForm, password, end];
  }

  load()
    .then((user) => {
      if (user.active && session.has('admin')) show(actions, adminActions(user));
    })
    .catch((error) => {
      show(state);
      show(failure, problemBox(error));
    });
}
