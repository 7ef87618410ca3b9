// The connection page: the org, the user, production or sandbox, API version and calls; whether syncing is paused
// (why, since when, until when) with Resume now; Connect / Reconnect; the OnceHub subscription; whether webhooks arrive.
import { api, el, problemText, time } from './api.js';
import { oncehubPanel } from './oncehub.js';

export async function render(root) {
  const [c, r, oh] = await Promise.all([api('GET', '/console/api/admin/connection'), api('GET', '/console/api/receipt'), oncehubPanel()]);
  const back = new URLSearchParams(location.search);
  if (back.get('connect') === 'ok') {
    root.append(el('p', { class: 'flag good', role: 'status', id: 'connect-result' }, 'Connected to Salesforce.'));
  } else if (back.get('connect') === 'refused') {
    const notAdmin = back.get('reason') === 'NOT_AN_ADMINISTRATOR';
    root.append(el('p', { class: 'error', role: 'alert', id: 'connect-result' }, notAdmin
      ? 'Not connected: the Salesforce user who signed in is not an administrator. Sign in to Salesforce as a user with the System Administrator profile (or the "Modify All Data" permission) and connect again. '
      : 'Not connected: ', back.get('message') || ''));
  }
  root.append(salesforce(c), oh, webhooks(r));
}

function salesforce(res) {
  const card = el('section', { class: 'card', 'aria-labelledby': 'h-sf' }, el('h2', { id: 'h-sf' }, 'Salesforce'));
  if (!res.ok) {
    card.append(el('p', { class: 'error', role: 'alert' }, problemText(res)));
    return card;
  }
  const s = res.data;
  const state = { CONNECTED: ['good', 'Connected'], RECONNECT_NEEDED: ['bad', 'Reconnect needed'], NOT_CONNECTED: ['warn', 'Not connected'] }[s.state] || ['warn', s.state];
  card.append(el('p', {}, el('span', { class: 'flag ' + state[0], id: 'connection-state' }, state[1]), s.detail ? ' ' + s.detail : ''));
  if (s.sync && s.sync.state === 'PAUSED') {
    card.append(paused(s.sync));
  }
  if (s.detail && /administrator|not an admin/i.test(s.detail)) {
    card.append(el('p', { class: 'error', role: 'alert' }, 'The Salesforce user who signed in is not an administrator: sign in to Salesforce as a user with the System Administrator profile (or "Modify All Data") and connect again.'));
  }
  const o = s.org || {};
  const u = s.apiUsage || {};
  const host = o.loginHost || '';
  const rows = [
    ['Organization', (o.organizationName || '–') + (o.orgId ? ' (' + o.orgId + ')' : '')],
    ['Connected user', o.username || '–'],
    ['Environment', !host ? '–' : /test\.salesforce\.com|sandbox/i.test(host) ? 'Sandbox' : /login\.salesforce\.com/.test(host) ? 'Production' : 'Custom login host (' + host + ')'],
    ['Instance', o.instanceUrl || '–'],
    ['API version', (s.apiVersion || '?') + ' (Partner SOAP API)'],
    ['Connected at', time(o.connectedAt)],
    ['API calls used today', u.known ? u.used + ' of ' + u.limit : 'not known yet (learned from the next Salesforce answer)'],
    ['API calls left today', u.known ? String(u.remaining) : '–'],
    ['Calls made by this instance', String(u.callsMadeByThisInstance ?? '–')]
  ];
  card.append(el('table', { id: 'connection-table' }, el('tbody', {}, rows.map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, v))))));
  const hostSelect = el('select', { id: 'connect-host', 'aria-label': 'Salesforce login' },
    el('option', { value: '' }, 'Configured login host'), el('option', { value: 'production' }, 'Production (login.salesforce.com)'),
    el('option', { value: 'sandbox' }, 'Sandbox (test.salesforce.com)'));
  const msg = el('p', { id: 'connect-message', role: 'status' });
  const connect = el('button', { type: 'button', id: 'connect', onclick: async () => {
    const res = await api('POST', '/console/api/connect', { host: hostSelect.value || null });
    if (res.ok) location.href = res.data.authorizeUrl;
    else msg.textContent = problemText(res);
  } }, s.state === 'NOT_CONNECTED' ? 'Connect to Salesforce' : 'Reconnect');
  const disconnect = el('button', { type: 'button', class: 'danger', id: 'disconnect', disabled: s.state === 'NOT_CONNECTED', onclick: async () => {
    if (!confirm('Disconnect from Salesforce? Syncing pauses until someone connects again; webhooks are still received and kept.')) return;
    const res = await api('POST', '/console/api/disconnect');
    msg.textContent = res.ok ? 'Disconnected (now ' + res.data.state + ').' : problemText(res);
  } }, 'Disconnect');
  card.append(el('div', { class: 'row' }, hostSelect, connect, disconnect), msg,
    el('p', { class: 'muted' }, 'Connect opens Salesforce\'s sign-in page; after you allow access you come back to oncesync\'s callback. The connecting user must be a Salesforce administrator.'));
  return card;
}

// Resume now is the admin API's POST /admin/sync/resume (audited), behind the console session and its CSRF token.
function paused(sync) {
  const box = el('div', { class: 'paused', role: 'alert', id: 'sync-paused' },
    el('p', {}, el('span', { class: 'flag warn' }, 'Syncing paused'), ' Webhooks are still received and kept; they are written to Salesforce once syncing runs again.'),
    el('table', { id: 'pause-table' }, el('tbody', {}, [
      ['Reason', sync.reason || '–'],
      ['Paused since', time(sync.pausedSince)],
      ['Resumes by itself', time(sync.pausedUntil)]
    ].map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, v))))));
  const msg = el('p', { id: 'resume-message', role: 'status' });
  const resume = el('button', { type: 'button', id: 'resume-now', onclick: async () => {
    resume.disabled = true;
    const res = await api('POST', '/console/api/admin/sync/resume');
    if (res.ok) {
      msg.textContent = res.data.resumed ? 'Resumed: syncing runs again now.' : 'Syncing was no longer paused.';
    } else {
      msg.textContent = problemText(res);
      resume.disabled = false;
    }
  } }, 'Resume now');
  box.append(el('div', { class: 'row' }, resume), msg,
    el('p', { class: 'muted' }, 'Resume once Salesforce answers again (the API limit was raised, the outage is over); if it still fails, syncing pauses again.'));
  return box;
}

function webhooks(res) {
  const card = el('section', { class: 'card', 'aria-labelledby': 'h-wh' }, el('h2', { id: 'h-wh' }, 'OnceHub webhooks'));
  if (!res.ok) {
    card.append(el('p', { class: 'error' }, problemText(res)));
    return card;
  }
  const r = res.data;
  card.append(el('p', {}, r.lastReceivedAt ? 'Last webhook received ' + time(r.lastReceivedAt) + '.' : 'No webhook received yet. Point OnceHub\'s webhook at POST /webhooks/oncehub.'),
    el('h3', {}, 'By type (last ' + r.recent + ' deliveries)'),
    el('table', { id: 'receipt-types' }, el('tbody', {}, Object.entries(r.types).map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, String(v)))))),
    el('h3', {}, 'By status'),
    el('table', {}, el('tbody', {}, Object.entries(r.statuses).map(([k, v]) => el('tr', {}, el('th', { scope: 'row', class: 'status-' + k }, k), el('td', {}, String(v)))))));
  return card;
}
