// The audit log: every change made through the console or the admin API, newest first.
import { api, el, problemText, time } from './api.js';

export async function render(root) {
  const body = el('tbody');
  const more = el('button', { type: 'button', class: 'secondary', id: 'audit-more', hidden: true }, 'Older entries');
  let next = '/console/api/admin/audit?limit=50';
  const load = async () => {
    const res = await api('GET', next);
    if (!res.ok) { root.append(el('p', { class: 'error' }, problemText(res))); return; }
    for (const a of res.data.items) {
      body.append(el('tr', {}, el('td', {}, time(a.at)), el('td', {}, a.actor), el('td', {}, a.action), el('td', {}, a.target),
        el('td', { class: a.outcome === 'ok' ? 'ok' : 'error' }, a.outcome), el('td', {}, el('div', { class: 'diff' }, a.detail || ''))));
    }
    next = res.data.next ? res.data.next.replace(/^\/admin/, '/console/api/admin') : null;
    more.hidden = !next;
  };
  more.addEventListener('click', load);
  root.append(el('section', { class: 'card' }, el('table', { id: 'audit-table' },
    el('thead', {}, el('tr', {}, ['When', 'Who', 'Action', 'Target', 'Outcome', 'What changed'].map(h => el('th', {}, h)))), body), more));
  await load();
}
