// The connection page's OnceHub subscription panel: the subscription as the watcher last saw it, the old signing
// secret's overlap, reconciliation, with Check now / Reconcile now / Rotate signing secret (the admin API's
// /admin/oncehub routes, mounted at /console/api/oncehub behind the session and its CSRF token, audited).
import { api, el, problemText, time } from './api.js';

const BASE = '/console/api/oncehub';
const STATES = {
  OK: ['good', 'Active'],
  CREATED: ['good', 'Created'],
  RECREATED: ['warn', 'Re-created'],
  MISSING: ['bad', 'Missing'],
  DISABLED: ['bad', 'Disabled'],
  ELSEWHERE: ['bad', 'Points elsewhere'],
  NOT_CONNECTED: ['warn', 'Not managed by oncesync'],
  UNREACHABLE: ['bad', 'OnceHub unreachable'],
  NOT_CHECKED: ['warn', 'Not checked yet']
};

export async function oncehubPanel() {
  const card = el('section', { class: 'card', 'aria-labelledby': 'h-oh', id: 'oncehub' }, el('h2', { id: 'h-oh' }, 'OnceHub subscription'));
  const res = await api('GET', BASE);
  if (!res.ok) {
    card.append(el('p', { class: 'error', role: 'alert' }, problemText(res)));
    return card;
  }
  fill(card, res.data, null, null);
  return card;
}

function fill(card, o, message, report) {
  card.replaceChildren(el('h2', { id: 'h-oh' }, 'OnceHub subscription'));
  if (!o.configured) {
    card.append(el('p', {}, el('span', { class: 'flag warn', id: 'oncehub-state' }, 'Not configured')),
      el('p', { id: 'oncehub-how' }, o.howToConfigure),
      el('p', { class: 'muted' }, 'For example: ', el('code', {}, 'printf %s "$KEY" | oncesync oncehub connect --api-key-stdin'),
        ', or ', el('code', {}, 'ONCESYNC_ONCEHUB_API_KEY'), ' in serve\'s environment.'));
    return;
  }
  const s = o.subscription;
  const badge = STATES[s.state] || ['warn', s.state];
  const w = s.webhook || {};
  const r = o.reconciliation;
  const sec = o.secrets;
  const cal = o.bookingCalendars;
  const rows = [
    ['Subscription', w.id ? w.id + ' (' + (w.name || s.name) + ')' : 'none (' + s.name + ')'],
    ['Sends webhooks to', w.url || '–'],
    ['Should send to', s.endpoint || 'not set (ONCESYNC_PUBLIC_URL)'],
    ['Event types', w.events ? w.events.join(', ') : '–'],
    ['Last checked', time(s.checkedAt) + ' (checked every ' + minutes(s.watchIntervalSeconds) + ')'],
    ['Old signing secret', sec.oldSecretAccepted ? 'still accepted until ' + time(sec.oldSecretAcceptedUntil)
      : 'none accepted any more (a replaced secret is accepted for ' + minutes(sec.overlapSeconds) + ')'],
    ['Reconciliation watermark', r.watermark ? time(r.watermark) : 'none yet'],
    ['Last reconciliation', r.lastRunAt ? time(r.lastRunAt) + (r.lastError ? ': failed: ' + r.lastError
      : r.lastReport ? ': ' + r.lastReport.queued + ' queued, ' + r.lastReport.alreadyApplied + ' already applied, '
        + r.lastReport.seen + ' seen'
        + (r.lastReport.unreadable ? ', ' + r.lastReport.unreadable + ' unreadable (each logged with its booking id)' : '')
      : '')
      : 'not run yet (every ' + minutes(r.pollIntervalSeconds) + ')'],
    ['Booking calendars', cal.error ? 'could not be listed: ' + cal.error
      : cal.calendars.length ? cal.calendars.map(c => c.name ? c.name + ' (' + c.id + ')' : c.id).join(', ') : '–']
  ];
  card.append(
    el('p', {}, el('span', { class: 'flag ' + badge[0], id: 'oncehub-state' }, badge[1]), ' ', el('span', { id: 'oncehub-detail' }, s.detail || '')),
    el('table', { id: 'oncehub-table' }, el('tbody', {}, rows.map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, v))))));
  const msg = el('p', { id: 'oncehub-message', role: 'status' }, message || '');
  const buttons = [];
  const act = (path, done) => async () => {
    buttons.forEach(b => { b.disabled = true; });
    msg.textContent = 'Working…';
    const res = await api('POST', BASE + path);
    if (res.ok) {
      fill(card, res.data.oncehub, done(res.data), res.data.report || null);
    } else {
      msg.textContent = problemText(res);
      msg.className = 'error';
      buttons.forEach(b => { b.disabled = false; });
    }
  };
  buttons.push(
    el('button', { type: 'button', id: 'oncehub-check', onclick: act('/watch', d => d.recreated
      ? 'Re-created: the subscription was ' + d.found.toLowerCase().replace('_', ' ') + '; it is now ' + d.recreated.id + '.'
      : 'Checked: ' + d.detail) }, 'Check now'),
    el('button', { type: 'button', class: 'secondary', id: 'oncehub-reconcile', onclick: act('/reconcile', d => 'Reconciled: ' + d.report.summary) }, 'Reconcile now'),
    el('button', { type: 'button', class: 'danger', id: 'oncehub-rotate', onclick: async () => {
      if (!confirm('Rotate the OnceHub signing secret? The subscription is deleted and created again with a new secret; the old secret is still accepted for the overlap window.')) return;
      await act('/rotate-secret', d => 'New signing secret stored (subscription ' + d.webhook.id + ')'
        + (d.oldSecretAcceptedUntil ? '; the old one is accepted until ' + time(d.oldSecretAcceptedUntil) + '.' : '.'))();
    } }, 'Rotate signing secret'));
  card.append(el('div', { class: 'row' }, buttons), msg);
  if (report) card.append(reportTable(report));
  card.append(el('p', { class: 'muted' }, 'Check now runs the watcher at once: a missing, disabled or misdirected subscription is re-created and the bookings missed meanwhile are reconciled. Reconcile now fetches the bookings updated since the watermark and queues those Salesforce has not got.'));
}

function reportTable(p) {
  return el('div', { id: 'oncehub-report' }, el('h3', {}, 'Reconciliation report'),
    el('table', {}, el('tbody', {}, [
      ['Bookings updated since', time(p.since)], ['Seen', p.seen], ['Queued for Salesforce', p.queued],
      ['Already applied', p.alreadyApplied], ['Already queued', p.duplicates], ['Skipped', p.skipped],
      ['Unreadable (each logged with its booking id)', p.unreadable],
      ['Pages / OnceHub API calls', p.pages + ' / ' + p.apiCalls], ['Took', p.tookMs + ' ms'], ['Watermark now', time(p.watermark)]
    ].map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, String(v)))))));
}

function minutes(seconds) {
  if (seconds >= 3600 && seconds % 3600 === 0) return seconds / 3600 + ' h';
  if (seconds >= 60) return Math.round(seconds / 60) + ' min';
  return seconds + ' s';
}
