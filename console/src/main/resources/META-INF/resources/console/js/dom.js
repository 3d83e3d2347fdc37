// Small DOM helpers: every text goes in as a text node (never as HTML), so data from the APIs cannot inject markup.

/** An element: h('a', {href: '#/x', class: 'y'}, 'text', child...). Attributes false/null/undefined are left out. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what an element shows. */
export function show(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** An instant for people, in a <time> element that keeps the exact value. */
export function when(instant) {
  if (!instant) return '—';
  return h('time', { datetime: instant }, dateTime.format(new Date(instant)));
}

/** SOME_ENUM_VALUE → "Some enum value". */
export function label(value) {
  if (!value) return '—';
  const words = String(value).toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.substring(1);
}

/** A definition list from [term, description] pairs. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.map(([term, description]) => [h('dt', {}, term), h('dd', {}, description ?? '—')]));
}

/** A table with a caption, header cells of scope col, and one row per item. */
export function table(caption, headers, rows) {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col' }, header)))),
    h('tbody', {}, rows),
  );
}
