// Rules: the DRL in force, highlighted, read-only unless rule upload is enabled; Check, Run the golden scenarios,
// Reload.
import { api, el, problemText } from './api.js';

const KEYWORDS = /\b(package|import|global|rule|when|then|end|not|exists|and|or|from|collect|accumulate|salience|agenda-group|no-loop|lock-on-active|insert|insertLogical|modify|retract|declare|function|query|eval|forall|over|in|matches|memberOf|contains|this|null|true|false|new|return|if|else)\b/;

/** DRL as highlighted nodes: comments, strings and keywords, built as text nodes (never as HTML). */
export function highlight(text) {
  const out = [];
  const token = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/|#[^\n]*)|("(?:[^"\\\n]|\\.)*")|([A-Za-z_][\w-]*)|([\s\S])/g;
  let m;
  let plain = '';
  const flush = () => { if (plain) { out.push(document.createTextNode(plain)); plain = ''; } };
  while ((m = token.exec(text)) !== null) {
    if (m[1]) { flush(); out.push(el('span', { class: 'com' }, m[1])); }
    else if (m[2]) { flush(); out.push(el('span', { class: 'str' }, m[2])); }
    else if (m[3] && KEYWORDS.test(m[3]) && m[3].match(KEYWORDS)[0] === m[3]) { flush(); out.push(el('span', { class: 'kw' }, m[3])); }
    else plain += m[0];
  }
  flush();
  return out;
}

export async function render(root) {
  const res = await api('GET', '/console/api/rules/files');
  if (!res.ok) { root.append(el('p', { class: 'error' }, problemText(res))); return; }
  const { files, source, uploadEnabled } = res.data;
  const out = el('div', { id: 'rules-result', 'aria-live': 'polite' });
  const check = el('button', { type: 'button', id: 'rules-check', onclick: async () => {
    out.replaceChildren(el('p', { class: 'muted' }, 'Checking…'));
    const r = await api('POST', '/console/api/admin/rules/validate');
    out.replaceChildren(r.ok ? problems(r.data) : el('p', { class: 'error' }, problemText(r)));
  } }, 'Check');
  const run = el('button', { type: 'button', id: 'rules-scenarios', class: 'secondary', onclick: async () => {
    out.replaceChildren(el('p', { class: 'muted' }, 'Running the golden scenarios…'));
    const r = await api('POST', '/console/api/rules/scenarios');
    out.replaceChildren(r.ok ? scenarios(r.data) : el('p', { class: 'error' }, problemText(r)));
  } }, 'Run the golden scenarios');
  const reload = el('button', { type: 'button', id: 'rules-reload', class: 'secondary', disabled: source === 'bundled', onclick: async () => {
    if (!confirm('Reload the rules and settings from ' + source + '? Nothing changes if they have a problem.')) return;
    const r = await api('POST', '/console/api/admin/rules/reload');
    out.replaceChildren(r.ok ? el('p', { class: 'ok', role: 'status' }, 'Reloaded: ' + r.data.rules + ' rules in force.')
      : el('div', {}, el('p', { class: 'error', role: 'alert' }, problemText(r)), problems(r.data || {})));
  } }, 'Reload');
  root.append(el('section', { class: 'card' },
    el('p', {}, 'Rules from ', el('strong', {}, source), uploadEnabled ? ' · editing enabled (ONCESYNC_RULES_UPLOAD_ENABLED)' : ' · read-only (rule upload is disabled)'),
    el('div', { class: 'row' }, check, run, reload), out));
  for (const f of files) root.append(file(f, uploadEnabled, out));
}

function file(f, editable, out) {
  const card = el('section', { class: 'card', 'aria-label': f.name }, el('h2', {}, f.name));
  const code = el('pre', { class: 'code', tabindex: '0', 'aria-label': f.name + ' source' }, highlight(f.text));
  card.append(code);
  if (editable) {
    const area = el('textarea', { rows: 18, 'aria-label': 'Edit ' + f.name, hidden: true }, f.text);
    const edit = el('button', { type: 'button', class: 'secondary', onclick: () => { area.hidden = !area.hidden; code.hidden = !area.hidden; upload.hidden = area.hidden; } }, 'Edit');
    const upload = el('button', { type: 'button', hidden: true, onclick: async () => {
      if (!confirm('Upload ' + f.name + '? DRL runs as code: it is checked first and audited.')) return;
      const r = await api('POST', '/console/api/admin/rules/upload', { files: { [f.name]: area.value } });
      out.replaceChildren(r.ok ? el('p', { class: 'ok', role: 'status' }, f.name + ' uploaded and in force.')
        : el('div', {}, el('p', { class: 'error', role: 'alert' }, problemText(r)), problems(r.data || {})));
      out.scrollIntoView();
    } }, 'Upload and reload');
    card.append(el('div', { class: 'row' }, edit, upload), area);
  }
  return card;
}

function problems(d) {
  const list = d.problems || [];
  if (!list.length) return el('p', { class: 'ok', role: 'status' }, 'No problems: ' + (d.files || []).length + ' files, ' + (d.rules ?? '?') + ' rules' + (d.validatedAgainst ? ', checked against ' + d.validatedAgainst : '') + '.');
  return el('ul', { class: 'error', role: 'alert' }, list.map(p => el('li', {}, p.text || p.message)));
}

function scenarios(d) {
  const t = el('table', { id: 'scenarios-table' }, el('thead', {}, el('tr', {}, el('th', {}, 'Scenario'), el('th', {}, 'Result'), el('th', {}, 'Detail'))));
  const b = el('tbody');
  for (const s of d.scenarios) b.append(el('tr', {}, el('td', {}, s.name), el('td', { class: s.passed ? 'ok' : 'error' }, s.passed ? 'PASS' : 'FAIL'), el('td', {}, s.detail)));
  t.append(b);
  return el('div', {}, el('p', { role: 'status' }, d.passed + ' passed, ' + d.failed + ' failed'), t);
}
