// The settings page: OnceHub's Salesforce settings, edited in the browser and saved to settings.yaml.
import { api, el, problemText, time } from './api.js';
import { renderPlan } from './plan.js';

const TABS = [['Leads', 'Lead', 'contact'], ['Contacts', 'Contact', 'contact'], ['Events', 'Event', 'meeting'], ['Cases', 'Case', 'meeting']];
const NUMBER_TYPES = ['int', 'double', 'currency', 'percent'];
const S = { tab: 'Leads', problems: [], diff: null, message: null, calendarFilter: '' };
let root;

export async function render(container) {
  root = container;
  await load();
}

async function load(message) {
  const res = await api('GET', '/console/api/settings');
  if (!res.ok) {
    root.replaceChildren(el('p', { class: 'error', role: 'alert' }, problemText(res)));
    return;
  }
  Object.assign(S, res.data, { problems: [], diff: null, message: message || null });
  S.saved = JSON.stringify(S.form);
  draw();
}

function draw() {
  const focusId = document.activeElement && document.activeElement.id;
  const y = window.scrollY;
  if (!S.tryEl) S.tryEl = trySection();
  root.replaceChildren(...[
    S.writable ? null : el('p', { class: 'flag warn' }, 'Read-only: ONCESYNC_RULES_DIR is not set, so the bundled settings are in use and cannot be saved.'),
    el('p', { class: 'muted' }, 'Field choices come from ', S.validatedAgainst, '. Settings file: ', S.file || '(bundled)'),
    contactsSection(), meetingsSection(), mappingSection(), requiredSection(), saveBar(), versionsSection(), S.tryEl].filter(Boolean));
  if (focusId && document.getElementById(focusId)) document.getElementById(focusId).focus({ preventScroll: true });
  window.scrollTo(0, y);
}

// ---- problems

function problemsAt(match) {
  return S.problems.filter(p => match(p.at || {}));
}

function errorList(problems, id) {
  if (!problems.length) return null;
  return el('div', { class: 'error', role: 'alert', id }, problems.map(p => el('div', {}, p.message)));
}

// ---- When new contacts are created

function contactsSection() {
  const f = S.form;
  const radio = (value, label) => el('label', {}, el('input', {
    type: 'radio', name: 'newContacts', id: 'new-contacts-' + value.toLowerCase(), value, checked: f.newContacts === value,
    onchange: () => { f.newContacts = value; changed(); }
  }), ' ', label);
  const pref = el('select', { id: 'when-both-match', onchange: e => { f.whenBothMatch = e.target.value; changed(); } },
    [['Contact', 'the Contact'], ['Lead', 'the Lead'], ['MostRecent', 'the most recently modified']].map(([v, l]) =>
      el('option', { value: v, selected: f.whenBothMatch === v }, l)));
  return el('section', { class: 'card', 'aria-labelledby': 'h-contacts' },
    el('h2', { id: 'h-contacts' }, 'When new contacts are created in OnceHub'),
    el('div', { class: 'choice', role: 'radiogroup', 'aria-label': 'Create new contacts as' },
      radio('Lead', 'Create a Lead'), radio('Contact', 'Create a Contact')),
    el('div', { class: 'row' }, el('label', { for: 'when-both-match' }, 'When both a Lead and a Contact match, update'), pref),
    errorList(problemsAt(a => a.section === 'newContacts' || a.section === 'whenBothMatch'), 'error-contacts'));
}

// ---- When new meetings are scheduled

function meetingsSection() {
  const f = S.form;
  const radio = (value, label) => el('label', {}, el('input', {
    type: 'radio', name: 'meetings', id: 'meetings-' + value.toLowerCase(), value, checked: f.meetings === value,
    onchange: () => { f.meetings = value; changed(); }
  }), ' ', label);
  const known = new Map(S.calendars.map(c => [c.id, c.name]));
  for (const id of f.caseCalendars) if (!known.has(id)) known.set(id, '');
  const list = el('div', { class: 'calendar-list', id: 'calendar-list', role: 'group', 'aria-label': 'Booking calendars' });
  for (const [id, name] of known) {
    list.append(el('label', { 'data-text': (id + ' ' + name).toLowerCase() }, el('input', {
      type: 'checkbox', 'data-calendar': id, checked: f.caseCalendars.includes(id), disabled: f.meetings !== 'Cases',
      onchange: e => {
        f.caseCalendars = e.target.checked ? [...f.caseCalendars, id] : f.caseCalendars.filter(c => c !== id);
        changed();
      }
    }), ' ', name ? name + ' (' + id + ')' : id));
  }
  if (!known.size) list.append(el('p', { class: 'muted' }, 'No booking calendars seen in received bookings yet: add one by id.'));
  const applyFilter = () => {
    const q = S.calendarFilter.trim().toLowerCase();
    for (const label of list.querySelectorAll('label')) label.hidden = !!q && !label.dataset.text.includes(q);
  };
  const search = el('input', {
    type: 'search', id: 'calendar-search', placeholder: 'Search calendars', 'aria-label': 'Search booking calendars',
    'aria-controls': 'calendar-list', value: S.calendarFilter, oninput: e => { S.calendarFilter = e.target.value; applyFilter(); }
  });
  applyFilter();
  const add = el('input', { type: 'text', id: 'calendar-add-input', placeholder: 'BKC-… or calendar name', 'aria-label': 'Booking calendar id or name to add' });
  const addButton = el('button', {
    type: 'button', class: 'secondary', id: 'calendar-add', onclick: () => {
      const v = add.value.trim();
      if (v && !f.caseCalendars.includes(v)) {
        f.caseCalendars = [...f.caseCalendars, v];
        if (f.meetings !== 'Cases') f.meetings = 'Cases';
        changed();
      }
    }
  }, 'Add');
  return el('section', { class: 'card', 'aria-labelledby': 'h-meetings' },
    el('h2', { id: 'h-meetings' }, 'When new meetings are scheduled'),
    el('div', { class: 'choice', role: 'radiogroup', 'aria-label': 'Record meetings as' },
      radio('Events', 'Create an Event for all meetings'), radio('Cases', 'Create a Case for meetings from selected booking calendars')),
    el('fieldset', { disabled: f.meetings !== 'Cases' }, el('legend', {}, 'Booking calendars that create Cases'),
      el('div', { class: 'chips', 'aria-label': 'Selected calendars' }, f.caseCalendars.map(c => el('span', { class: 'chip' }, known.get(c) || c))),
      search, list, el('div', { class: 'row' }, add, addButton)),
    errorList(problemsAt(a => a.section === 'meetings' || a.section === 'caseCalendars'), 'error-meetings'));
}

// ---- Properties mapping

function typeOf(side, row) {
  const p = S.properties[side].find(x => x.name === row.from);
  if (p && !p.seen) return p.type;
  return row.type || 'text';
}

function isConstant(row) {
  return row.value !== undefined && row.value !== null && (row.from === undefined || row.from === null);
}

function mappingSection() {
  const tablist = el('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Mapping tabs' });
  TABS.forEach(([tab], i) => {
    const errors = problemsAt(a => a.tab === tab).length;
    tablist.append(el('button', {
      type: 'button', role: 'tab', id: 'tab-' + tab, 'aria-selected': S.tab === tab ? 'true' : 'false',
      'aria-controls': 'panel-' + tab, tabindex: S.tab === tab ? '0' : '-1',
      onclick: () => { S.tab = tab; draw(); document.getElementById('tab-' + tab).focus(); },
      onkeydown: e => {
        const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (!d) return;
        S.tab = TABS[(i + d + TABS.length) % TABS.length][0];
        draw();
        document.getElementById('tab-' + S.tab).focus();
      }
    }, tab, errors ? el('span', { class: 'flag bad' }, ' ' + errors) : null));
  });
  const [tab, object, side] = TABS.find(t => t[0] === S.tab);
  const rows = S.form.mappings[tab] || (S.form.mappings[tab] = []);
  const person = side === 'contact';
  const table = el('table', {}, el('thead', {}, el('tr', {},
    el('th', {}, 'OnceHub property'), el('th', {}, 'Salesforce field'), person ? el('th', {}, 'Overwrite') : null, el('th', {}, ''))));
  const body = el('tbody');
  rows.forEach((row, index) => body.append(...mappingRow(tab, object, side, row, index)));
  table.append(body);
  const panel = el('div', { role: 'tabpanel', id: 'panel-' + tab, 'aria-labelledby': 'tab-' + tab },
    table,
    el('button', { type: 'button', class: 'secondary', id: 'add-mapping-' + tab, onclick: () => {
      rows.push(person ? { field: '', from: '', overwrite: false } : { field: '', from: '' });
      changed();
      const selects = document.querySelectorAll('#panel-' + tab + ' select.property');
      if (selects.length) selects[selects.length - 1].focus();
    } }, '+ Add mapping'),
    errorList(problemsAt(a => a.tab === tab && a.index === undefined), 'error-tab-' + tab));
  return el('section', { class: 'card', 'aria-labelledby': 'h-mapping' },
    el('h2', { id: 'h-mapping' }, 'Properties mapping'),
    el('p', { class: 'muted' }, person
      ? 'Contact properties fill ' + object + ' fields. Overwrite on: replace what Salesforce holds; off: only fill blank fields.'
      : 'Meeting properties fill ' + object + ' fields.'),
    tablist, panel, errorList(problemsAt(a => a.section === 'mappings'), 'error-mappings'));
}

function mappingRow(tab, object, side, row, index) {
  const person = side === 'contact';
  const fieldsMeta = (S.objects[object] || { fields: [], compatible: {} });
  const constant = isConstant(row);
  const type = constant ? 'text' : typeOf(side, row);
  const id = tab + '-' + index;
  const props = S.properties[side];
  const property = el('select', {
    class: 'property', id: 'property-' + id, 'aria-label': 'OnceHub property of row ' + (index + 1),
    onchange: e => {
      const v = e.target.value;
      if (v === '=constant') { row.value = row.value || ''; delete row.from; delete row.type; }
      else if (v === '=other') { row.from = 'answer:'; delete row.value; }
      else { row.from = v; delete row.value; if (!v.startsWith('custom:') && !v.startsWith('answer:')) delete row.type; }
      changed();
    }
  }, el('option', { value: '' }, '— choose a property —'));
  const groups = [['OnceHub properties', props.filter(p => !p.seen)], ['Custom fields and answers seen in webhooks', props.filter(p => p.seen)]];
  for (const [label, list] of groups) {
    if (!list.length) continue;
    property.append(el('optgroup', { label }, list.map(p => el('option', { value: p.name, selected: !constant && row.from === p.name }, p.name + ' (' + p.type + ')'))));
  }
  const dynamic = !constant && row.from && (row.from.startsWith('custom:') || row.from.startsWith('answer:'));
  const listed = props.some(p => p.name === row.from);
  if (dynamic && !listed) property.append(el('option', { value: row.from, selected: true }, row.from));
  property.append(el('option', { value: '=other', selected: false }, 'Other custom field or answer…'));
  property.append(el('option', { value: '=constant', selected: constant }, 'A constant value…'));
  const extra = [];
  if (constant) {
    extra.push(el('input', { type: 'text', class: 'constant', id: 'constant-' + id, value: row.value, 'aria-label': 'Constant value of row ' + (index + 1),
      oninput: e => { row.value = e.target.value; changedQuietly(); } }));
  } else if (dynamic && !listed) {
    extra.push(el('input', { type: 'text', class: 'dynamic', id: 'dynamic-' + id, value: row.from, 'aria-label': 'custom:name or answer:question of row ' + (index + 1),
      onchange: e => { row.from = e.target.value.trim(); changed(); } }));
  }
  const compatible = new Set((fieldsMeta.compatible || {})[type] || []);
  const field = el('select', {
    class: 'field', id: 'field-' + id, 'aria-label': 'Salesforce field of row ' + (index + 1),
    onchange: e => { row.field = e.target.value; changed(); }
  }, el('option', { value: '' }, '— choose a field —'));
  const byLabel = [...fieldsMeta.fields].filter(f => compatible.has(f.name)).sort((a, b) => a.label.localeCompare(b.label));
  for (const f of byLabel) field.append(el('option', { value: f.name, selected: row.field === f.name }, f.label + ' (' + f.name + ')'));
  if (row.field && !compatible.has(row.field)) {
    const meta = fieldsMeta.fields.find(f => f.name.toLowerCase() === row.field.toLowerCase());
    field.append(el('option', { value: row.field, selected: true }, (meta ? meta.label + ' (' + meta.name + ')' : row.field) + ' — not compatible with ' + type));
  }
  const errors = problemsAt(a => a.tab === tab && a.index === index);
  const cells = [
    el('td', {}, property, ...extra),
    el('td', {}, field),
    person ? el('td', {}, el('input', { type: 'checkbox', class: 'overwrite', id: 'overwrite-' + id, checked: row.overwrite === true,
      'aria-label': 'Overwrite ' + (row.field || 'row ' + (index + 1)), onchange: e => { row.overwrite = e.target.checked; changedQuietly(); } })) : null,
    el('td', {}, el('button', { type: 'button', class: 'icon remove', id: 'remove-' + id, 'aria-label': 'Remove mapping ' + (row.field || 'row ' + (index + 1)),
      title: 'Remove', onclick: () => { S.form.mappings[tab].splice(index, 1); changed(); } }, '✕'))
  ];
  const tr = el('tr', { 'data-index': index, class: errors.length ? 'has-error' : null }, cells);
  const out = [tr];
  if (errors.length) {
    out.push(el('tr', { class: 'row-error' }, el('td', { colspan: person ? 4 : 3 }, errorList(errors, 'error-' + id))));
  }
  return out;
}

// ---- Required fields

function requiredSection() {
  const section = el('section', { class: 'card', 'aria-labelledby': 'h-required' },
    el('h2', { id: 'h-required' }, 'Required fields'),
    el('p', { class: 'muted' }, 'Fields Salesforce requires on a new record, found from describe. Each needs a mapping or a fallback value used when OnceHub sends nothing.'));
  const table = el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Object'), el('th', {}, 'Field'), el('th', {}, 'Covered by'), el('th', {}, 'Fallback value'))));
  const body = el('tbody');
  for (const [tab, object] of TABS) {
    const meta = S.objects[object];
    if (!meta) continue;
    for (const f of meta.fields.filter(x => x.required && x.writable)) {
      const fallbacks = S.form.fallbacks[object] || (S.form.fallbacks[object] = {});
      const key = Object.keys(fallbacks).find(k => k.toLowerCase() === f.name.toLowerCase()) || f.name;
      const mapped = (S.form.mappings[tab] || []).some(r => (r.field || '').toLowerCase() === f.name.toLowerCase() && (r.from || isConstant(r)));
      const value = fallbacks[key];
      const status = mapped && value ? el('span', { class: 'flag good' }, 'mapping, then fallback')
        : mapped ? el('span', { class: 'flag good' }, 'mapping')
        : value ? el('span', { class: 'flag good' }, 'fallback')
        : el('span', { class: 'flag bad' }, 'not covered');
      const id = 'fallback-' + object + '-' + f.name;
      const set = v => { if (v === '' || v === null) delete fallbacks[key]; else fallbacks[key] = v; changed(); };
      let input;
      const label = 'Fallback for ' + object + ' ' + f.label;
      if (f.picklist) {
        input = el('select', { id, 'aria-label': label, onchange: e => set(e.target.value) }, el('option', { value: '' }, '(none)'),
          f.picklist.map(v => el('option', { value: v, selected: value === v }, v)));
      } else if (f.type === 'boolean') {
        input = el('select', { id, 'aria-label': label, onchange: e => set(e.target.value) }, el('option', { value: '' }, '(none)'),
          ['true', 'false'].map(v => el('option', { value: v, selected: value === v }, v)));
      } else {
        const kind = f.type === 'date' ? 'date' : NUMBER_TYPES.includes(f.type) ? 'number' : 'text';
        input = el('input', { type: kind, id, value: value || '', 'aria-label': label, placeholder: f.type === 'datetime' ? '2026-01-01T09:00:00Z' : '',
          onchange: e => set(e.target.value.trim()) });
      }
      const errors = problemsAt(a => a.fallback && a.fallback.toLowerCase() === (object + '.' + f.name).toLowerCase());
      body.append(el('tr', { class: errors.length ? 'has-error' : null, 'data-required': object + '.' + f.name },
        el('td', {}, object), el('td', {}, f.label + ' (' + f.name + ', ' + f.type + ')'), el('td', {}, status),
        el('td', {}, input, errorList(errors, 'error-' + id))));
    }
  }
  table.append(body);
  const other = problemsAt(a => a.section === 'fallbacks' || (a.fallback && !document.getElementById('fallback-' + a.fallback.replace('.', '-'))));
  section.append(...[table, errorList(other, 'error-required')].filter(Boolean));
  return section;
}

// ---- Save, diff, versions

function dirty() {
  return JSON.stringify(S.form) !== S.saved;
}

function changed() {
  S.diff = null;
  S.message = null;
  draw();
}

function changedQuietly() {
  S.diff = null;
  const status = document.getElementById('save-status');
  if (status) status.textContent = dirty() ? 'Unsaved changes' : '';
}

function saveBar() {
  const count = S.problems.length;
  return el('div', { class: 'savebar', role: 'region', 'aria-label': 'Save settings' },
    el('button', { type: 'button', class: 'secondary', id: 'settings-check', onclick: check }, 'Review changes'),
    el('button', { type: 'button', id: 'settings-save', disabled: !S.writable, onclick: save }, 'Save'),
    el('button', { type: 'button', class: 'secondary', id: 'settings-discard', onclick: () => load() }, 'Discard changes'),
    el('span', { id: 'save-status', class: count ? 'error' : 'muted', role: 'status' },
      count ? count + (count === 1 ? ' problem' : ' problems') + ': nothing was saved. Fix the rows marked in red.'
        : S.message || (dirty() ? 'Unsaved changes' : 'No unsaved changes')),
    S.diff ? el('div', { id: 'diff', class: 'diff', 'aria-label': 'What changes' }, S.diff.length ? S.diff.join('\n') : 'No changes.') : null);
}

async function check() {
  const res = await api('POST', '/console/api/settings/check', { form: S.form });
  if (!res.ok) { S.problems = []; S.message = problemText(res); draw(); return; }
  S.problems = res.data.problems;
  S.diff = res.data.diff;
  S.message = res.data.valid ? 'Valid: these changes can be saved.' : null;
  draw();
}

async function save() {
  const res = await api('POST', '/console/api/settings/save', { form: S.form });
  if (res.ok) {
    await load('Saved and reloaded: ' + res.data.diff.length + (res.data.diff.length === 1 ? ' change' : ' changes') + ' in force.');
    S.diff = res.data.diff;
    draw();
    return;
  }
  S.problems = (res.data && res.data.problems) || [];
  S.diff = res.data && res.data.diff;
  S.message = problemText(res);
  if (!S.problems.length) S.problems = [{ message: problemText(res), at: { section: 'file' } }];
  const first = S.problems.find(p => p.at && p.at.tab);
  if (first) S.tab = first.at.tab;
  draw();
  const err = root.querySelector('.row-error, .error[role=alert]');
  if (err) err.scrollIntoView({ block: 'center' });
}

function versionsSection() {
  const list = el('ul', { id: 'versions' });
  for (const v of (S.versions || []).slice(0, 10)) {
    list.append(el('li', {}, 'Saved over at ' + time(v.savedAt) + ' ', el('button', {
      type: 'button', class: 'secondary', 'data-version': v.id, disabled: !S.writable, onclick: async () => {
        if (!confirm('Roll back to the settings in force before ' + time(v.savedAt) + '? They are checked and reloaded like a save.')) return;
        const res = await api('POST', '/console/api/settings/rollback', { version: v.id });
        if (res.ok) await load('Rolled back to the version of ' + time(v.savedAt) + '.');
        else { S.message = problemText(res); draw(); }
      }
    }, 'Roll back to this')));
  }
  const problems = problemsAt(a => a.section === 'file');
  return el('section', { class: 'card', 'aria-labelledby': 'h-versions' }, el('h2', { id: 'h-versions' }, 'Previous versions'),
    errorList(problems, 'error-file'),
    (S.versions || []).length ? list : el('p', { class: 'muted' }, 'Each save keeps the settings it replaces here, so you can roll back in one click.'));
}

// ---- Try it

function trySection() {
  const select = el('select', { id: 'try-delivery', 'aria-label': 'A recent delivery to try' }, el('option', { value: '' }, '— a recent delivery —'));
  api('GET', '/console/api/admin/deliveries?limit=25').then(res => {
    if (!res.ok) return;
    for (const d of res.data.items) select.append(el('option', { value: d.eventId }, d.eventId + ' · ' + d.type + ' · ' + (d.guest || '–') + ' · ' + d.status));
  });
  const payload = el('textarea', { id: 'try-payload', rows: 5, 'aria-label': 'Or paste a OnceHub webhook payload', placeholder: 'Or paste a OnceHub webhook payload (JSON)' });
  const out = el('div', { id: 'try-result', 'aria-live': 'polite' });
  const run = el('button', { type: 'button', id: 'try-run', onclick: async () => {
    out.replaceChildren(el('p', { class: 'muted' }, 'Deciding…'));
    const body = { form: S.form };
    if (payload.value.trim()) body.payload = payload.value; else body.delivery = select.value;
    const res = await api('POST', '/console/api/settings/try', body);
    if (!res.ok) {
      out.replaceChildren(el('p', { class: 'error', role: 'alert' }, problemText(res)));
      if (res.data && res.data.problems) { S.problems = res.data.problems; }
      return;
    }
    out.replaceChildren(renderPlan(res.data));
  } }, 'Try it with these settings');
  return el('section', { class: 'card', 'aria-labelledby': 'h-try' }, el('h2', { id: 'h-try' }, 'Try it'),
    el('p', { class: 'muted' }, 'Decide a recent delivery or a pasted payload with the settings above, before saving. Nothing is written to Salesforce.'),
    el('div', { class: 'row' }, select, run), payload, out);
}
