// The first screen after signing in: who you are and what your role lets you do here.
import { h, show } from './dom.js';

export function render({ session, main }, screens) {
  show(
    main,
    h('h1', { tabindex: '-1' }, 'Overview'),
    h('p', {}, `Welcome, ${session.username}.`),
    screens.length
      ? [
          h('p', {}, 'Your role gives you these screens:'),
          h('ul', { class: 'screens' }, screens.map((s) => h('li', {}, h('a', { href: `#/${s.path}` }, s.label)))),
        ]
      : h('p', {}, 'Your role has no console screens yet; the CRM and the APIs serve your work.'),
  );
  main.querySelector('h1').focus();
}
