// Dashboard: backlog, throughput, sync latency and Salesforce API usage, polled every few seconds and drawn as
// small SVG charts; the last errors.
import { api, el, time } from './api.js';

const POLL_MS = 5000;
const KEEP = 60;
const history = [];
let timer = null;

export async function render(root) {
  const stats = el('div', { class: 'grid2', id: 'dashboard-stats' });
  const errors = el('section', { class: 'card', 'aria-labelledby': 'h-errors' });
  root.append(stats, errors);
  const tick = async () => {
    const res = await api('GET', '/console/api/dashboard');
    if (!res.ok) return;
    const d = res.data;
    history.push(d);
    if (history.length > KEEP) history.shift();
    const u = d.apiUsage || {};
    const m = d.perMinute;
    stats.replaceChildren(
      card('Backlog', String(d.backlog), 'open deliveries (pending or retrying); chart: last 30 minutes', m.backlog, '30 min ago'),
      card('Throughput', d.finishedLastMinute + '/min', d.finishedLastFiveMinutes + ' finished in the last 5 minutes; chart: finished per minute', m.finished, '30 min ago'),
      card('Sync latency', d.latencyMedianMs == null ? '–' : d.latencyMedianMs + ' ms', 'median received → finished; p95 ' + (d.latencyP95Ms == null ? '–' : d.latencyP95Ms + ' ms') + '; chart: median per minute', m.latencyMs, '30 min ago'),
      card('Salesforce API', u.known ? u.used + ' / ' + u.limit : '–', 'calls used today' + (u.known ? ', ' + u.remaining + ' left' : '') + ' · ' + d.connection + '; chart: since this page opened', history.map(h => (h.apiUsage && h.apiUsage.used) || 0), 'page opened'));
    errors.replaceChildren(el('h2', { id: 'h-errors' }, 'Last errors'), d.lastErrors.length
      ? el('table', { id: 'last-errors' }, el('tbody', {}, d.lastErrors.map(e => el('tr', {}, el('td', {}, time(e.at)),
        el('td', {}, el('a', { href: '/console/deliveries' }, e.eventId)), el('td', { class: 'status-' + e.status }, e.status), el('td', { class: 'error' }, e.error)))))
      : el('p', { class: 'ok' }, 'No errors among the last ' + d.recent + ' deliveries.'));
  };
  await tick();
  clearInterval(timer);
  timer = setInterval(() => { if (!document.hidden) tick(); }, POLL_MS);
}

function card(title, value, sub, series, from) {
  const max = Math.max(0, ...series);
  return el('section', { class: 'card', 'aria-label': title }, el('h2', {}, title), el('div', { class: 'stat' }, value),
    el('p', { class: 'muted' }, sub), sparkline(series, title),
    el('div', { class: 'axis' }, el('span', {}, from), el('span', {}, 'max ' + max), el('span', {}, 'now')));
}

function sparkline(values, title) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 300 60');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title + ' over the last ' + values.length + ' samples');
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? 300 / (values.length - 1) : 0;
  const points = values.map((v, i) => (i * step).toFixed(1) + ',' + (56 - (v / max) * 50).toFixed(1)).join(' ');
  const area = document.createElementNS(ns, 'polygon');
  area.setAttribute('points', values.length > 1 ? '0,56 ' + points + ' 300,56' : '0,56 300,56');
  area.setAttribute('fill', '#dbe8f7');
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', values.length > 1 ? points : '0,56 300,56');
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', '#0b5cad');
  line.setAttribute('stroke-width', '2');
  line.setAttribute('vector-effect', 'non-scaling-stroke');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.append(area, line);
  return svg;
}
