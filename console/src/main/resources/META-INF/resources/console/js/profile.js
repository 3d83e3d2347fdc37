// One's own staff profile (the gateway's /api/staff/me, every staff role): what the suite holds about its user, the
// staff-newsletter opt-in, and ending one's own access, confirmed explicitly. The profile is fetched for the page
// and kept nowhere else.
import { api, problemBox } from './api.js';
import { facts, h, show } from './dom.js';
import { consentText, roleLabel, staffName } from './staff.js';

export function render({ main }) {
  const message = h('div', { role: 'status', class: 'message' });
  const failure = h('div', {});
  const state = h('div', {}, h('p', {}, 'Loading…'));
  show(main, h('h1', { tabindex: '-1' }, 'Your profile'), message, failure, state);
  main.querySelector('h1').focus();

  api('/api/staff/me')
    .then((me) => show(state,
      h('section', { 'aria-labelledby': 'held-heading', id: 'profile' },
        h('h2', { id: 'held-heading' }, 'What the suite holds about you'),
        facts([
          ['Name', staffName(me)],
          ['Email', me.email ?? '—'],
          ['Username', h('code', {}, me.username)],
          ['Role', roleLabel(me.role)],
          ['Consent confirmation', consentText(me)],
        ]),
        h('p', {}, 'Your name and password are yours to change in your Keycloak account; your role is given by an admin.')),
      newsletter(me),
      termination(me)))
    .catch((error) => {
      show(state);
      show(failure, problemBox(error));
    });

  function newsletter(me) {
    let subscribed = me.newsletter;
    const status = h('p', { id: 'newsletter-state' });
    const toggle = h('button', { type: 'button', id: 'newsletter-toggle', 'aria-describedby': 'newsletter-state' });
    const paint = () => {
      status.textContent = subscribed ? 'You have opted in to the staff newsletter.' : 'You have not opted in to the staff newsletter.';
      toggle.textContent = subscribed ? 'Opt out of the staff newsletter' : 'Opt in to the staff newsletter';
    };
    paint();
    toggle.addEventListener('click', async () => {
      show(failure);
      try {
        const answer = await api('/api/staff/me/newsletter', { method: 'PUT', body: { subscribed: !subscribed } });
        subscribed = answer.newsletter;
        paint();
        show(message, subscribed ? 'Opted in to the staff newsletter.' : 'Opted out of the staff newsletter.');
      } catch (error) {
        show(failure, problemBox(error));
      }
    });
    return h('section', { 'aria-labelledby': 'newsletter-heading', id: 'newsletter' },
      h('h2', { id: 'newsletter-heading' }, 'Staff newsletter'),
      h('p', {}, 'News for the suite\u2019s staff, to your email. Your choice alone, opting out is as easy as opting in, and each change is kept in your staff record.'),
      status, toggle);
  }

  function termination(me) {
    const confirmation = h('input', { type: 'checkbox', id: 'confirm-self-termination', name: 'confirmed', required: true });
    const form = h('form', { id: 'self-termination', class: 'stacked', 'aria-labelledby': 'self-termination-heading' },
      h('h2', { id: 'self-termination-heading' }, 'End your access'),
      h('p', {}, 'This cannot be undone: you are signed out everywhere, your account is disabled and its email deleted. '
        + 'The staff directory keeps your name, id and last role for the audit (Art. 17(3)(e)); an admin can give you a new account.'),
      h('label', { class: 'check' }, confirmation, ' I want my access to the suite to end now.'),
      h('div', {}, h('button', { type: 'submit', id: 'end-my-access' }, 'End my access')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      show(failure);
      try {
        await api('/api/staff/me/termination', { method: 'POST', body: { confirmed: confirmation.checked } });
        // Nothing of the console is of use any more: its token dies within minutes and cannot be refreshed.
        document.getElementById('nav')?.replaceChildren();
        document.getElementById('profile-link')?.remove();
        show(main,
          h('h1', { tabindex: '-1' }, 'Your access has ended'),
          h('p', { role: 'status' }, `Goodbye, ${staffName(me)}. You are signed out of every session and your account is disabled.`));
        main.querySelector('h1').focus();
      } catch (error) {
        show(failure, problemBox(error));
      }
    });
    return form;
  }
}
