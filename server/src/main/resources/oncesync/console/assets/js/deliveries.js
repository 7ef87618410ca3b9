// Deliveries: search and filter, live updates by polling, detail with payload, plan, fired rules, provenance and
// Salesforce ids; replay one or all failed, each confirmed.
import { api, el, json, problemText, time } from './api.js';
import { renderPlan } from './plan.js';

const POLL_MS = 5000;
let timer = null;

export async function render(root) {
  const status = el('select', { id: 'filter-status', 'aria-label': 'Status' }, el('option', { value: '' }, 'Any status'),
    ['PENDING', 'RETRY', 'APPLIED', 'IGNORED', 'DEAD'].map(s => el('option', { value: s }, s === 'DEAD' ? 'DEAD (failed)' : s)));
  const guest = el('input', { type: 'search', id: 'filter-guest', placeholder: 'Guest email or phone', 'aria-label': 'Guest email or phone' });
  const booking = el('input', { type: 'search', id: 'filter-booking', placeholder: 'Booking id (BKNG-…)', 'aria-label': 'Booking id' });
  const since = el('input', { type: 'datetime-local', id: 'filter-since', 'aria-label': 'Received at or after' });
  const live = el('input', { type: 'checkbox', id: 'live', checked: true });
  const msg = el('p', { id: 'deliveries-message', role: 'status' });
  const list = el('div', { id: 'deliveries-list' });
  const detail = el('div', { id: 'delivery-detail' });
  const refresh = async () => {
    const q = new URLSearchParams({ limit: '100' });
    if (status.value) q.set('status', status.value);
    if (guest.value.trim()) q.set('guest', guest.value.trim());
    if (booking.value.trim()) q.set('booking', booking.value.trim());
    const res = await api('GET', '/console/api/admin/deliveries?' + q);
    if (!res.ok) { msg.textContent = problemText(res); return; }
    const from = since.value ? new Date(since.value) : null;
    const items = from ? res.data.items.filter(d => new Date(d.receivedAt) >= from) : res.data.items;
    msg.textContent = items.length + ' deliveries' + (live.checked ? ' · live' : '') + ' · updated ' + new Date().toLocaleTimeString();
    list.replaceChildren(table(items, id => show(detail, id, refresh)));
  };
  const replayAll = el('button', { type: 'button', class: 'danger', id: 'replay-all', onclick: async () => {
    if (!confirm('Replay every failed (DEAD) delivery now?')) return;
    const res = await api('POST', '/console/api/admin/deliveries/replay-failed');
    msg.textContent = res.ok ? res.data.replayed + ' failed deliveries are due again.' : problemText(res);
    refresh();
  } }, 'Replay all failed');
  const form = el('form', { class: 'row', role: 'search', onsubmit: e => { e.preventDefault(); refresh(); } },
    status, guest, booking, el('label', { for: 'filter-since' }, 'Since'), since, el('button', { type: 'submit' }, 'Search'),
    el('label', {}, live, ' Live updates'), replayAll);
  status.addEventListener('change', refresh);
  since.addEventListener('change', refresh);
  root.append(el('section', { class: 'card' }, form, msg, list), detail);
  await refresh();
  clearInterval(timer);
  timer = setInterval(() => { if (live.checked && !document.hidden) refresh(); }, POLL_MS);
}

function table(items, open) {
  const t = el('table', { id: 'deliveries-table' }, el('thead', {}, el('tr', {}, ['Received', 'Event', 'Type', 'Guest', 'Booking', 'Status', 'Attempts', 'Last error'].map(h => el('th', {}, h)))));
  const b = el('tbody');
  for (const d of items) {
    b.append(el('tr', {}, el('td', {}, time(d.receivedAt)),
      el('td', {}, el('a', { href: '#' + d.eventId, onclick: e => { e.preventDefault(); open(d.eventId); } }, d.eventId)),
      el('td', {}, d.type), el('td', {}, d.guest || '–'), el('td', {}, d.bookingId || '–'),
      el('td', { class: 'status-' + d.status }, d.status), el('td', {}, String(d.attempts)), el('td', { class: 'error' }, d.lastError || '')));
  }
  t.append(b);
  return t;
}

async function show(box, id, refresh) {
  const res = await api('GET', '/console/api/admin/deliveries/' + encodeURIComponent(id));
  if (!res.ok) { box.replaceChildren(el('p', { class: 'error' }, problemText(res))); return; }
  const d = res.data;
  const sf = d.salesforce || {};
  const conn = await api('GET', '/console/api/admin/connection');
  const instance = conn.ok && conn.data.org ? conn.data.org.instanceUrl : null;
  const link = rid => instance ? el('a', { href: instance.replace(/\/$/, '') + '/' + rid, target: '_blank', rel: 'noopener' }, rid) : rid;
  const ids = [sf.personId, ...(sf.recordIds || [])].filter(Boolean);
  const replay = d.status === 'DEAD' ? el('button', { type: 'button', class: 'danger', id: 'replay-one', onclick: async () => {
    if (!confirm('Replay delivery ' + d.eventId + ' now?')) return;
    const r = await api('POST', '/console/api/admin/deliveries/' + encodeURIComponent(d.eventId) + '/replay');
    box.prepend(el('p', { role: 'status' }, r.ok ? 'Due again.' : problemText(r)));
    refresh();
  } }, 'Replay') : null;
  const trace = d.trace && typeof d.trace === 'object' ? d.trace : {};
  const plan = d.plan ? Object.assign({}, d.plan, { rulesFired: trace.rulesFired, fieldOrigins: trace.fieldOrigins || trace.fields }) : null;
  box.replaceChildren(el('section', { class: 'card', id: 'delivery', 'aria-labelledby': 'h-delivery' },
    el('h2', { id: 'h-delivery' }, d.eventId + ' · ' + d.type),
    el('p', {}, 'Status ', el('strong', { class: 'status-' + d.status }, d.status), ' after ', String(d.attempts), ' attempts · received ', time(d.receivedAt), ' ', replay),
    el('p', {}, 'Salesforce records: ', ids.length ? ids.flatMap((x, i) => i ? [', ', link(x)] : [link(x)]) : '–'),
    d.lastError ? el('p', { class: 'error' }, d.lastError) : null,
    plan ? renderPlan(plan) : el('div', {}, el('h3', {}, 'Trace'), typeof d.trace === 'string' ? el('pre', { class: 'json' }, d.trace) : json(d.trace)),
    el('details', {}, el('summary', {}, 'Payload'), json(d.payload))));
  box.scrollIntoView({ block: 'start' });
}
