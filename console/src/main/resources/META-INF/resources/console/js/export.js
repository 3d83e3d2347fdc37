// The DPO's export of a completed access or portability request (erasure-service): look at the assembled bundle
// (spends nothing) and hand it over as a file, once (the person's download link is spent with it). A request that
// names only person ids gets no mail, so hand-over is how its export reaches the person.
import { api, problemBox } from './api.js';
import { facts, h, show, when } from './dom.js';

export const EXPORTED = ['ACCESS', 'PORTABILITY'];
const SPENT = ['export handed over', 'export downloaded'];
const GONE = 'export purged';

/** Whether the DPO may see this request's export section. */
export function hasExport(r) {
  return EXPORTED.includes(r.type) && (r.status === 'COMPLETED' || r.status === 'PARTIALLY_COMPLETED');
}

/**
 * The export section of a request's page; its own state (shown bundle, saved file) survives the page's polling.
 * Returns the element and a cleanup that frees the file kept in memory; {@code changed} is called after a hand-over
 * (e.g. to show the audit trail's new line).
 */
export function exportSection(r, audit, changed = () => {}) {
  let fileUrl = null;
  const failure = h('div', {});
  const message = h('div', { role: 'status', class: 'message' });
  const bundleBox = h('div', {});
  const spent = audit.items.find((line) => SPENT.includes(line.action));
  const purged = audit.items.some((line) => line.action === GONE);
  const handOver = h('button', { type: 'button', id: 'hand-over' }, 'Hand over the export as a file');
  const look = h('button', { type: 'button', id: 'look-at-export' }, 'Look at the export');

  look.addEventListener('click', async () => {
    show(failure);
    try {
      show(bundleBox, bundle(await api(`/api/requests/${r.id}/export`)));
    } catch (error) {
      show(failure, problemBox(error));
    }
  });
  handOver.addEventListener('click', async () => {
    show(failure);
    try {
      const handed = await api(`/api/requests/${r.id}/export/handover`, { method: 'POST' });
      fileUrl = URL.createObjectURL(new Blob([JSON.stringify(handed, null, 2)], { type: 'application/json' }));
      const name = `export-${r.id}.json`;
      const save = h('a', { href: fileUrl, download: name, id: 'export-file', class: 'button' }, `Save ${name} again`);
      handOver.remove();
      show(message, 'Handed over: the file is saved, the person\u2019s download link is spent. ', save);
      save.click();
      changed();
    } catch (error) {
      show(failure, problemBox(error));
    }
  });

  const element = h('section', { 'aria-labelledby': 'export-heading', id: 'export' },
    h('h2', { id: 'export-heading' }, 'Export'),
    purged
      ? h('p', {}, 'The export was deleted: its download link expired.')
      : [
          h('p', {}, r.email
            ? 'The person was mailed a one-time download link. Hand the export over only if they cannot use it: that spends the link.'
            : 'The request names no address, so no link was mailed: hand the export over to the person (e.g. printed, or on a medium), once.'),
          spent ? h('p', { id: 'export-spent' }, `The export was ${spent.action.replace('export ', '')} on `, when(spent.at),
            spent.actor ? ` by ${spent.actor}` : '', '.') : null,
          h('div', { class: 'actions' }, look, spent ? null : handOver),
        ],
    message, failure, bundleBox);
  return [element, () => fileUrl && URL.revokeObjectURL(fileUrl)];
}

/** The bundle as the person receives it: one block per participant's slice, a held slice with its legal reason. */
function bundle(b) {
  return [
    facts([
      ['Assembled', when(b.generatedAt)],
      ['Persons', (b.personIds ?? []).join(', ') || null],
    ]),
    Object.entries(b.slices ?? {}).map(([participant, content]) => h('div', { class: 'slice', 'data-slice': participant },
      h('h3', {}, participant),
      content?.heldFor
        ? h('p', {}, `Held: ${content.heldFor}`)
        : h('pre', { tabindex: '0', 'aria-label': `What ${participant} holds` }, JSON.stringify(content, null, 2)))),
  ];
}
