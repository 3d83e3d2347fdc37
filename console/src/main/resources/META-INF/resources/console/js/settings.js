// Privacy settings for the DPO and admins: the purposes catalogue and the legal bases (consent-service), the privacy
// notice's versions, whether new persons are asked for consent, the subscription types (subscription-service), and
// contact-service's retention policies with the dry run's matches before a sweep, erasure-service's approval of a
// policy and the log of sweeps. Each section loads on its own; a refusal of one API leaves the others working.
import { api, problemBox } from './api.js';
import { h, label, show, table, when } from './dom.js';

const KEY = '^[a-z0-9][a-z0-9._\\-]{0,99}$';
const CATEGORIES = ['CUSTOMER', 'PROSPECT', 'PARTNER', 'SUPPLIER'];

export function render({ main, session }) {
  show(main, h('h1', { tabindex: '-1' }, 'Privacy settings'),
    h('nav', { 'aria-label': 'Sections of the settings' }, h('ul', { class: 'inline' },
      [['purposes', 'Purposes'], ['notices', 'Privacy notices'], ['consent-requests', 'Consent requests'],
        ['subscription-types', 'Subscription types'], ['retention', 'Retention policies']]
        .map(([id, text]) => h('li', {}, h('a', { href: `#${id}-heading`, 'data-section': id }, text))))),
    purposes(), notices(), consentRequests(), subscriptionTypes(), retention(session));
  // The section links jump within the page without changing the route.
  for (const link of main.querySelectorAll('a[data-section]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const heading = document.getElementById(`${link.dataset.section}-heading`);
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    });
  }
  main.querySelector('h1').focus();
}

/** A section with a list that reloads after each change, a status line, and the failure of its last call. */
function section(id, title, intro) {
  const list = h('div', { id: `${id}-list` }, h('p', {}, 'Loading…'));
  const message = h('div', { role: 'status', class: 'message', id: `${id}-message` });
  const failure = h('div', { id: `${id}-failure` });
  const element = h('section', { 'aria-labelledby': `${id}-heading`, id },
    h('h2', { id: `${id}-heading` }, title), intro ? h('p', {}, intro) : null, list, message, failure);
  return {
    element, list, message, failure,
    /** Loads the list (its failure shown in the section). */
    load(loader) {
      return loader().then((content) => show(list, content)).catch((error) => show(list, problemBox(error)));
    },
    /** Runs a change: its answer's text as the status, or the problem's title and detail. */
    async run(call) {
      show(message);
      show(failure);
      try {
        show(message, await call());
        return true;
      } catch (error) {
        show(failure, problemBox(error));
        return false;
      }
    },
  };
}

function field(id, text, control, hint) {
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: id }, text), control, hint ? h('p', { class: 'hint', id: hintId }, hint) : null);
}

function check(id, text, checked = false) {
  return h('div', { class: 'field' }, h('label', { class: 'check' },
    h('input', { type: 'checkbox', id, name: id, checked }), ` ${text}`));
}

function value(input) {
  const text = input.value.trim();
  return text === '' ? null : text;
}

function list(text) {
  return (text ?? '').split(/[,;\n]/).map((s) => s.trim()).filter(Boolean);
}

function localNow() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().substring(0, 16);
}

// --- Purposes -------------------------------------------------------------------------------------------------------

function purposes() {
  const part = section('purposes', 'Purposes',
    'Why the suite processes personal data: each purpose with its legal basis, whether consent is asked, the data and how long it is kept.');
  const bases = api('/api/consents/legal-bases');
  const form = h('form', { id: 'purpose-form', class: 'stacked', 'aria-labelledby': 'purpose-form-heading' },
    h('h3', { id: 'purpose-form-heading' }, 'Add or change a purpose'),
    field('purpose-key', 'Key', h('input', { id: 'purpose-key', name: 'key', required: true, maxlength: 100, pattern: KEY, autocomplete: 'off' }),
      'Lower-case letters, digits, ".", "_" or "-"; an existing key changes that purpose.'),
    field('purpose-name', 'Name', h('input', { id: 'purpose-name', name: 'name', required: true, maxlength: 200 })),
    field('purpose-description', 'Description', h('textarea', { id: 'purpose-description', name: 'description', rows: 3, maxlength: 4000 })),
    check('purpose-consent-required', 'Consent required (Art. 6(1)(a)): processing only with the person\u2019s consent'),
    check('purpose-direct-marketing', 'Direct marketing: a global opt-out or an objection to direct marketing denies it'),
    check('purpose-self-service', 'Self-service consent: persons may give it themselves on their consent page (needs consent required)'),
    field('purpose-basis', 'Default legal basis for new persons', h('select', { id: 'purpose-basis', name: 'defaultLegalBasis' },
      h('option', { value: '' }, 'None'))),
    field('purpose-categories', 'Data categories', h('input', { id: 'purpose-categories', name: 'dataCategories' }),
      'Separated by commas, e.g. contact details, purchase history.'),
    field('purpose-retention', 'Retention', h('input', { id: 'purpose-retention', name: 'retentionPeriod', maxlength: 40, placeholder: 'P2Y' }),
      'An ISO-8601 period such as P2Y (two years) or P6M; empty: no limit set here.'),
    field('purpose-validity', 'Consent valid for (days)', h('input', { id: 'purpose-validity', name: 'consentValidityDays', type: 'number', min: 1, max: 3650 }),
      'Empty: consent does not expire.'),
    h('button', { type: 'submit' }, 'Save the purpose'));
  const select = form.elements.defaultLegalBasis;
  bases.then((all) => {
    for (const basis of all.filter((b) => b.key !== 'CONSENT')) {
      select.append(h('option', { value: basis.key }, `${label(basis.key)} (${basis.article})`));
    }
  }).catch((error) => show(part.failure, problemBox(error)));

  const load = () => part.load(async () => {
    const [all, known] = await Promise.all([api('/api/consents/purposes'), bases.catch(() => [])]);
    const article = Object.fromEntries(known.map((b) => [b.key, b.article]));
    if (!all.length) return h('p', {}, 'No purposes yet.');
    return table(`${all.length} purpose(s), by key`, ['Purpose', 'Legal basis', 'Direct marketing', 'Data categories', 'Retention', 'Actions'],
      all.map((p) => h('tr', { 'data-purpose': p.key },
        h('td', {}, h('strong', {}, p.name), h('br'), h('code', {}, p.key), p.description ? h('p', { class: 'note' }, p.description) : null),
        h('td', {}, basisText(p, article)),
        h('td', {}, p.directMarketing ? 'Yes' : 'No'),
        h('td', {}, (p.dataCategories ?? []).join(', ') || '—'),
        h('td', {}, p.retentionPeriod ?? '—'),
        h('td', {}, h('button', { type: 'button', class: 'link', 'aria-label': `Change ${p.name}`, onclick: () => edit(p) }, 'Change')))));
  });

  function edit(p) {
    const f = form.elements;
    f.key.value = p.key;
    f.name.value = p.name ?? '';
    f.description.value = p.description ?? '';
    form.querySelector('#purpose-consent-required').checked = Boolean(p.consentRequired);
    form.querySelector('#purpose-direct-marketing').checked = Boolean(p.directMarketing);
    form.querySelector('#purpose-self-service').checked = Boolean(p.selfServiceConsent);
    f.defaultLegalBasis.value = p.defaultLegalBasis ?? '';
    f.dataCategories.value = (p.dataCategories ?? []).join(', ');
    f.retentionPeriod.value = p.retentionPeriod ?? '';
    f.consentValidityDays.value = p.consentValidityDays ?? '';
    f.name.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = form.elements;
    const key = f.key.value.trim();
    const saved = await part.run(async () => {
      const purpose = await api(`/api/consents/purposes/${encodeURIComponent(key)}`, { method: 'PUT', body: {
        name: f.name.value.trim(),
        description: value(f.description),
        consentRequired: form.querySelector('#purpose-consent-required').checked,
        directMarketing: form.querySelector('#purpose-direct-marketing').checked,
        selfServiceConsent: form.querySelector('#purpose-self-service').checked,
        defaultLegalBasis: f.defaultLegalBasis.value || null,
        dataCategories: list(f.dataCategories.value),
        retentionPeriod: value(f.retentionPeriod),
        consentValidityDays: f.consentValidityDays.value ? Number(f.consentValidityDays.value) : null,
      } });
      return `Purpose ${purpose.name} (${purpose.key}) saved.`;
    });
    if (saved) {
      form.reset();
      await load();
    }
  });
  load();
  part.element.append(form);
  return part.element;
}

function basisText(purpose, article) {
  const basis = purpose.defaultLegalBasis
    ? `${label(purpose.defaultLegalBasis)}${article[purpose.defaultLegalBasis] ? ` (${article[purpose.defaultLegalBasis]})` : ''}`
    : null;
  const self = purpose.selfServiceConsent ? '; persons may give it on their consent page' : '';
  if (purpose.consentRequired) return basis ? `Consent required${self}; default ${basis}` : `Consent required${self}`;
  return basis ? `Default ${basis}` : 'No default basis';
}

// --- Privacy notices ------------------------------------------------------------------------------------------------

function notices() {
  const part = section('notices', 'Privacy notices',
    'The versions of the privacy notice (Art. 13/14), per language; each version is public on its page once published and its text\u2019s hash proves what a person was shown.');
  const form = h('form', { id: 'notice-form', class: 'stacked', 'aria-labelledby': 'notice-form-heading' },
    h('h3', { id: 'notice-form-heading' }, 'Publish a new version'),
    field('notice-version', 'Version', h('input', { id: 'notice-version', name: 'version', required: true, maxlength: 100, pattern: '^[A-Za-z0-9._\\-]+$', autocomplete: 'off' }),
      'Letters, digits, ".", "_" or "-", e.g. 2026-12-en.'),
    field('notice-language', 'Language', h('input', { id: 'notice-language', name: 'language', maxlength: 6, value: 'en', pattern: '^[a-z]{2,3}(-[A-Z]{2})?$' }),
      'A language tag such as en or de-AT.'),
    field('notice-title', 'Title', h('input', { id: 'notice-title', name: 'title', maxlength: 300 })),
    field('notice-text', 'Text', h('textarea', { id: 'notice-text', name: 'text', required: true, rows: 8 })),
    field('notice-effective', 'In force from (your local time)', h('input', { id: 'notice-effective', name: 'effectiveAt', type: 'datetime-local', required: true, value: localNow() })),
    h('button', { type: 'submit' }, 'Publish'));
  const load = () => part.load(async () => {
    const all = await api('/api/consents/notices');
    if (!all.length) return h('p', {}, 'No notice published yet.');
    return table(`${all.length} version(s)`, ['Version', 'Language', 'Title', 'In force from', 'Public page'],
      all.map((n) => h('tr', { 'data-notice': n.version },
        h('td', {}, n.version), h('td', {}, n.language ?? '—'), h('td', {}, n.title ?? '—'), h('td', {}, when(n.effectiveAt)),
        h('td', {}, n.url ? h('a', { href: n.url, target: '_blank', rel: 'noopener' }, `Version ${n.version}`, h('span', { class: 'visually-hidden' }, ' (opens a new tab)')) : 'Kept as a hash only'))));
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = form.elements;
    const published = await part.run(async () => {
      const notice = await api('/api/consents/notices', { method: 'POST', body: {
        version: f.version.value.trim(),
        language: value(f.language),
        title: value(f.title),
        text: f.text.value,
        effectiveAt: new Date(f.effectiveAt.value).toISOString(),
      } });
      return `Version ${notice.version} published.`;
    });
    if (published) {
      form.reset();
      f.effectiveAt.value = localNow();
      await load();
    }
  });
  load();
  part.element.append(form);
  return part.element;
}

// --- Consent requests -----------------------------------------------------------------------------------------------

function consentRequests() {
  const part = section('consent-requests', 'Consent requests',
    'Whether a new person is mailed a request for the consents their purposes need (double opt-in); without it they get the information mail only.');
  const box = h('input', { type: 'checkbox', id: 'send-consent-requests', name: 'sendConsentRequests', disabled: true });
  const form = h('form', { id: 'settings-form', class: 'stacked', 'aria-labelledby': 'consent-requests-heading' },
    h('div', { class: 'field' }, h('label', { class: 'check' }, box, ' Send consent requests to new persons')),
    h('button', { type: 'submit' }, 'Save'));
  part.load(async () => {
    const settings = await api('/api/consents/settings');
    box.checked = settings.sendConsentRequests;
    box.disabled = false;
    return null;
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await part.run(async () => {
      const saved = await api('/api/consents/settings', { method: 'PUT', body: { sendConsentRequests: box.checked } });
      box.checked = saved.sendConsentRequests;
      return saved.sendConsentRequests ? 'New persons are asked for consent.' : 'New persons are no longer asked for consent.';
    });
  });
  part.element.append(form);
  return part.element;
}

// --- Subscription types ---------------------------------------------------------------------------------------------

function subscriptionTypes() {
  const part = section('subscription-types', 'Subscription types',
    'What persons can subscribe to in the preference centre, each sent under a purpose whose decision it honours.');
  const purposeSelect = h('select', { id: 'type-purpose', name: 'purposeKey', required: true });
  const form = h('form', { id: 'type-form', class: 'stacked', 'aria-labelledby': 'type-form-heading' },
    h('h3', { id: 'type-form-heading' }, 'Add or change a subscription type'),
    field('type-key', 'Key', h('input', { id: 'type-key', name: 'key', required: true, maxlength: 100, pattern: KEY, autocomplete: 'off' }),
      'Lower-case letters, digits, ".", "_" or "-"; an existing key changes that type.'),
    field('type-name', 'Name', h('input', { id: 'type-name', name: 'name', required: true, maxlength: 200 })),
    field('type-description', 'Description', h('textarea', { id: 'type-description', name: 'description', rows: 2, maxlength: 2000 })),
    field('type-purpose', 'Purpose', purposeSelect),
    h('button', { type: 'submit' }, 'Save the type'));
  const load = () => part.load(async () => {
    const [all, known] = await Promise.all([api('/api/subscriptions/types'), api('/api/consents/purposes')]);
    const current = purposeSelect.value;
    show(purposeSelect, known.map((p) => h('option', { value: p.key }, `${p.name} (${p.key})`)));
    if (current) purposeSelect.value = current;
    const names = Object.fromEntries(known.map((p) => [p.key, p.name]));
    if (!all.length) return h('p', {}, 'No subscription types yet.');
    return table(`${all.length} subscription type(s)`, ['Type', 'Description', 'Purpose', 'Actions'],
      all.map((t) => h('tr', { 'data-type': t.key },
        h('td', {}, h('strong', {}, t.name), h('br'), h('code', {}, t.key)),
        h('td', {}, t.description ?? '—'),
        h('td', {}, names[t.purposeKey] ? `${names[t.purposeKey]} (${t.purposeKey})` : t.purposeKey),
        h('td', {}, h('button', { type: 'button', class: 'link', 'aria-label': `Change ${t.name}`, onclick: () => {
          form.elements.key.value = t.key;
          form.elements.name.value = t.name ?? '';
          form.elements.description.value = t.description ?? '';
          purposeSelect.value = t.purposeKey;
          form.elements.name.focus();
        } }, 'Change')))));
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = form.elements;
    const saved = await part.run(async () => {
      const type = await api(`/api/subscriptions/types/${encodeURIComponent(f.key.value.trim())}`, { method: 'PUT', body: {
        name: f.name.value.trim(),
        description: value(f.description),
        purposeKey: purposeSelect.value,
      } });
      return `Subscription type ${type.name} (${type.key}) saved.`;
    });
    if (saved) {
      form.reset();
      await load();
    }
  });
  load();
  part.element.append(form);
  return part.element;
}

// --- Retention policies ---------------------------------------------------------------------------------------------

function criteria(p) {
  const parts = [];
  if (p.category) parts.push(`category ${label(p.category).toLowerCase()}`);
  if (p.withoutLegalBasis) parts.push('no valid legal basis');
  if (p.inactiveMonths) parts.push(`no activity for ${p.inactiveMonths} months`);
  return `${parts.join(' and ')}${p.includeRestricted ? ', restricted persons too' : ', restricted persons left out'}`;
}

function sameCriteria(policy, approval) {
  return (policy.category ?? null) === (approval.category ?? null) && policy.withoutLegalBasis === approval.withoutLegalBasis
    && (policy.inactiveMonths ?? null) === (approval.inactiveMonths ?? null) && policy.includeRestricted === approval.includeRestricted;
}

function approvalText(policy, approval) {
  if (!approval) return 'Not approved: its sweeps erase nobody';
  if (approval.revokedAt) return ['Revoked by ', approval.revokedBy, ' ', when(approval.revokedAt)];
  if (!sameCriteria(policy, approval)) return 'Approved with other criteria: its sweeps erase nobody';
  return ['Approved by ', approval.approvedBy, ' ', when(approval.approvedAt)];
}

function retention(session) {
  const part = section('retention', 'Retention policies',
    'Which persons contact-service anonymizes: a dry run shows how many a policy matches now; a sweep asks erasure-service to erase them, which it does only for a policy the DPO approved with the same criteria. Enabled policies are also swept on schedule.');
  const dpo = session.has('dpo');
  const result = h('div', { id: 'dry-run', 'aria-live': 'polite' });
  const sweeps = h('div', { id: 'sweeps' });
  let policies = [];

  const form = h('form', { id: 'policy-form', class: 'stacked', 'aria-labelledby': 'policy-form-heading' },
    h('h3', { id: 'policy-form-heading' }, 'Add a policy'),
    field('policy-name', 'Name', h('input', { id: 'policy-name', name: 'name', required: true, maxlength: 200 })),
    h('fieldset', {}, h('legend', {}, 'Persons it matches (at least one criterion, all must hold)'),
      field('policy-category', 'Category', h('select', { id: 'policy-category', name: 'category' },
        h('option', { value: '' }, 'Any'), CATEGORIES.map((c) => h('option', { value: c }, label(c))))),
      check('policy-without-basis', 'Without a valid legal basis'),
      field('policy-inactive', 'No activity for (months)', h('input', { id: 'policy-inactive', name: 'inactiveMonths', type: 'number', min: 1, max: 600 })),
      check('policy-restricted', 'Restricted persons too (Art. 18)')),
    check('policy-enabled', 'Enabled: swept on schedule', true),
    h('button', { type: 'submit' }, 'Add the policy'));

  const load = () => part.load(async () => {
    const [found, approvals] = await Promise.all([
      api('/api/contacts/retention/policies?size=500'),
      api('/api/requests/retention-policies?size=500').catch(() => null),
    ]);
    policies = found.items;
    const approvalOf = Object.fromEntries((approvals?.items ?? []).map((a) => [a.policyId, a]));
    if (!policies.length) return h('p', {}, 'No retention policies yet.');
    return table(`${found.total} polic${found.total === 1 ? 'y' : 'ies'}, by name`, ['Policy', 'Matches', 'Schedule', 'Erasure', 'Actions'],
      policies.map((p) => h('tr', { 'data-policy-id': p.id },
        h('td', {}, p.name),
        h('td', {}, criteria(p)),
        h('td', {}, p.enabled ? 'Enabled' : 'Disabled'),
        h('td', {}, approvals ? approvalText(p, approvalOf[p.id]) : '—'),
        h('td', {}, h('div', { class: 'actions' },
          h('button', { type: 'button', 'data-action': 'dry-run', 'aria-label': `Dry run of ${p.name}`, onclick: () => dryRun(p) }, 'Dry run'),
          dpo ? approvalButton(p, approvalOf[p.id]) : null)))));
  });

  function approvalButton(policy, approval) {
    if (approval && !approval.revokedAt && sameCriteria(policy, approval)) {
      return h('button', { type: 'button', 'data-action': 'revoke', 'aria-label': `Revoke approval: ${policy.name}`, onclick: async () => {
        if (await part.run(async () => {
          await api(`/api/requests/retention-policies/${policy.id}/revocation`, { method: 'POST' });
          return `The approval of ${policy.name} is revoked: its sweeps erase nobody.`;
        })) await load();
      } }, 'Revoke approval');
    }
    return h('button', { type: 'button', 'data-action': 'approve', 'aria-label': `Approve for erasure: ${policy.name}`, onclick: async () => {
      if (await part.run(async () => {
        await api(`/api/requests/retention-policies/${policy.id}/approval`, { method: 'POST', body: {
          category: policy.category, withoutLegalBasis: policy.withoutLegalBasis,
          inactiveMonths: policy.inactiveMonths, includeRestricted: policy.includeRestricted,
        } });
        return `${policy.name} is approved: erasure-service carries out its sweeps.`;
      })) await load();
    } }, 'Approve for erasure');
  }

  async function dryRun(policy) {
    show(result, h('p', {}, `Dry run of ${policy.name}…`));
    const ran = await part.run(async () => {
      const run = await api(`/api/contacts/retention/policies/${policy.id}/dry-run`, { method: 'POST' });
      const confirm = h('input', { type: 'checkbox', id: 'sweep-confirm' });
      const sweep = h('button', { type: 'button', id: 'sweep', disabled: true, onclick: () => sweepNow(policy, confirm) }, 'Sweep now');
      confirm.addEventListener('change', () => { sweep.disabled = !confirm.checked; });
      show(result, h('section', { 'aria-labelledby': 'dry-run-heading', class: 'result' },
        h('h3', { id: 'dry-run-heading', tabindex: '-1' }, `Dry run of ${policy.name}`),
        h('p', { class: 'count' }, h('strong', { 'data-count': run.matched }, String(run.matched)), ' person(s) match now'),
        run.sample.length
          ? [h('p', {}, `The first ${run.sample.length}:`),
            h('ul', { class: 'sample' }, run.sample.map((id) => h('li', {}, h('a', { href: `#/persons/${id}` }, h('code', {}, id)))))]
          : null,
        run.matched ? h('div', { class: 'field' },
          h('label', { class: 'check', for: 'sweep-confirm' }, confirm, ` I checked the matches: ask for the ${run.matched} person(s) to be erased now`),
          sweep) : null));
      result.querySelector('h3').focus();
      return null;
    });
    if (!ran) show(result);
  }

  async function sweepNow(policy, confirm) {
    confirm.disabled = true;
    show(result, h('p', {}, `Sweeping ${policy.name}…`));
    await part.run(async () => {
      const done = await api(`/api/contacts/retention/policies/${policy.id}/sweeps`, { method: 'POST' });
      return `Sweep of ${policy.name}: ${done.matched} person(s) handed to erasure-service${done.finishedAt ? '' : ', still running'}.`;
    });
    show(result);
    await loadSweeps();
  }

  const loadSweeps = () => api('/api/contacts/retention/sweeps?size=20')
    .then((found) => {
      const name = Object.fromEntries(policies.map((p) => [p.id, p.name]));
      show(sweeps, h('h3', { id: 'sweeps-heading' }, 'Sweeps'), found.items.length
        ? table(`The latest ${found.items.length} of ${found.total}, newest first`, ['Started', 'Policy', 'By', 'Finished', 'Persons'],
          found.items.map((s) => h('tr', { 'data-sweep-id': s.id },
            h('td', {}, when(s.startedAt)), h('td', {}, name[s.policyId] ?? s.policyId), h('td', {}, s.startedBy ?? 'Schedule'),
            h('td', {}, s.finishedAt ? when(s.finishedAt) : 'Running'), h('td', {}, String(s.matched)))))
        : h('p', {}, 'No sweep yet.'));
    })
    .catch((error) => show(sweeps, h('h3', {}, 'Sweeps'), problemBox(error)));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = form.elements;
    const added = await part.run(async () => {
      const policy = await api('/api/contacts/retention/policies', { method: 'POST', body: {
        name: f.name.value.trim(),
        category: f.category.value || null,
        withoutLegalBasis: form.querySelector('#policy-without-basis').checked,
        inactiveMonths: f.inactiveMonths.value ? Number(f.inactiveMonths.value) : null,
        includeRestricted: form.querySelector('#policy-restricted').checked,
        enabled: form.querySelector('#policy-enabled').checked,
      } });
      return `Policy ${policy.name} added${policy.enabled ? '' : ' (disabled)'}.`;
    });
    if (added) {
      form.reset();
      await load();
    }
  });
  load().then(loadSweeps);
  part.element.append(result, sweeps, form);
  return part.element;
}
