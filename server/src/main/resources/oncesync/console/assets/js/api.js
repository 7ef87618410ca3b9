// The console API: the session's CSRF token on every change, JSON in and out, sign-in when the session is gone.
let csrf = null;

function toSignIn() {
  location.href = '/console/sign-in?next=' + encodeURIComponent(location.pathname);
}

export async function loadSession() {
  const r = await fetch('/console/api/session', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } });
  if (r.status === 401) {
    toSignIn();
    throw new Error('not signed in');
  }
  const s = await r.json();
  csrf = s.csrf;
  return s;
}

/** {ok, status, data}: data is the JSON answer (a problem document when not ok). */
export async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  const r = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  if (r.status === 401) {
    toSignIn();
  }
  let data = null;
  try { data = await r.json(); } catch (e) { data = null; }
  return { ok: r.ok, status: r.status, data };
}

/** A DOM element; text children are text nodes (never parsed as HTML). */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'value') e[k] = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function problemText(res) {
  const d = res.data || {};
  return (d.title ? d.title + ': ' : '') + (d.detail || ('HTTP ' + res.status));
}

export function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toLocaleString();
}

/** Pretty JSON in a <pre>. */
export function json(value) {
  return el('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}
