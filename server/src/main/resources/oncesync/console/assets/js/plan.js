// Renders a decision (dry run, "Try it", a delivery's stored plan): actions with their fields, failures, the rules
// that fired and where every field value came from.
import { el, json } from './api.js';

export function renderPlan(d) {
  const box = el('div', { class: 'plan' });
  if (!d) return box;
  if (d.parse && d.parse !== 'accepted') {
    box.append(el('p', {}, 'Not acted on: ', d.reason || d.parse));
    return box;
  }
  box.append(el('p', {}, d.executable === false ? el('span', { class: 'flag bad' }, 'not executable') : el('span', { class: 'flag good' }, 'executable'),
    ' person: ', d.person || '–', ' · meeting: ', d.meeting || '–'));
  const actions = el('table', { class: 'actions' }, el('thead', {}, el('tr', {}, el('th', {}, 'Action'), el('th', {}, 'Object'), el('th', {}, 'Fields'))));
  const body = el('tbody');
  const origins = d.fieldOrigins || d.fields || [];
  for (const a of d.actions || []) {
    const fields = a.fields
      ? Object.entries(a.fields).map(([k, v]) => k + ' = ' + (typeof v === 'object' ? 'id of ' + v.idOf : JSON.stringify(v)))
      : origins.map(o => String(o).split(' | ')[0]).filter(o => o.startsWith(a.object + '.')).map(o => o.slice(a.object.length + 1));
    body.append(el('tr', {}, el('td', {}, a.operation + (a.recordId ? ' ' + a.recordId : '')), el('td', {}, a.object),
      el('td', {}, el('div', { class: 'diff' }, fields.join('\n') || '(no fields)'))));
  }
  actions.append(body);
  box.append(el('h3', {}, 'Plan'), (d.actions || []).length ? actions : el('p', { class: 'muted' }, 'No Salesforce writes.'));
  if ((d.outcomes || []).length) {
    box.append(el('h3', {}, 'What Salesforce answered'), el('ul', { class: 'outcomes' }, d.outcomes.map(o => el('li', { class: o.result === 'rejected' ? 'error' : null },
      o.object + ' ' + o.result + (o.id ? ' ' + o.id : '') + (o.statusCode ? ': ' + o.statusCode + ' ' + (o.message || '') : '') + (o.reason ? ': ' + o.reason : '')))));
  }
  if ((d.failures || []).length) {
    box.append(el('h3', {}, 'Validation failures'), el('ul', {}, d.failures.map(f => el('li', { class: 'error' }, f))));
  }
  if ((d.found || []).length) {
    box.append(el('h3', {}, 'Matched in Salesforce'), el('ul', {}, d.found.map(c => el('li', {}, c.object + ' ' + c.id + (c.converted ? ' (converted)' : '')))));
  }
  box.append(el('h3', {}, 'Rules that fired'), el('ol', { class: 'rules-fired' }, firedInRuns(d.rulesFired || []).map(run =>
    el('li', {}, run.rule, run.times > 1 ? el('span', { class: 'muted' }, ' ×' + run.times) : ''))));
  const provenance = el('table', { class: 'provenance' }, el('thead', {}, el('tr', {}, el('th', {}, 'Field = value'), el('th', {}, 'Came from'), el('th', {}, 'Rule'))));
  const ob = el('tbody');
  for (const o of origins) {
    const [what, from, rule] = String(o).split(' | ');
    ob.append(el('tr', {}, el('td', {}, what), el('td', {}, from || ''), el('td', {}, rule || '')));
  }
  provenance.append(ob);
  box.append(el('h3', {}, 'Field provenance'), provenance);
  box.append(el('details', {}, el('summary', {}, 'Raw JSON'), json(d)));
  return box;
}

// A rule that fired several times in a row (one mapping rule per mapped field) is one line with its count.
function firedInRuns(rules) {
  const runs = [];
  for (const rule of rules) {
    const last = runs[runs.length - 1];
    if (last && last.rule === rule) last.times++;
    else runs.push({ rule, times: 1 });
  }
  return runs;
}
