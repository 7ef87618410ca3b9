// Sign-in: posts the admin token (typed, or from a demo link's #token=… fragment, which never reaches the server's
// logs) and goes back to the page that sent us here.
const form = document.getElementById('sign-in-form');
const input = document.getElementById('token');
const error = document.getElementById('sign-in-error');

function next() {
  const n = new URLSearchParams(location.search).get('next');
  return n && /^\/console\/[a-z-]+$/.test(n) ? n : '/console/settings';
}

async function signIn(token) {
  error.hidden = true;
  const r = await fetch('/console/api/sign-in', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
    body: JSON.stringify({ method: 'admin-token', token })
  });
  if (r.ok) {
    location.replace(next());
    return;
  }
  let detail = 'Sign-in failed (' + r.status + ')';
  try { detail = (await r.json()).detail || detail; } catch (e) { /* keep the status */ }
  error.textContent = detail;
  error.hidden = false;
  input.focus();
}

form.addEventListener('submit', ev => {
  ev.preventDefault();
  signIn(input.value);
});

const fragment = new URLSearchParams(location.hash.slice(1));
if (fragment.get('token')) {
  const token = fragment.get('token');
  history.replaceState(null, '', location.pathname + location.search);
  signIn(token);
} else {
  input.focus();
}
