// Every page: the session, the navigation, sign-out, then the page's own module.
import { api, el, loadSession } from './api.js';

const page = document.body.dataset.page;

async function start() {
  const session = await loadSession();
  const nav = document.getElementById('nav');
  for (const p of session.pages) {
    const current = p.path === location.pathname;
    nav.append(el('a', { href: p.path, 'aria-current': current ? 'page' : null }, p.title));
  }
  document.getElementById('who').textContent = 'Signed in as ' + session.identity;
  document.getElementById('sign-out').addEventListener('click', async () => {
    await api('POST', '/console/api/sign-out');
    location.href = '/console/sign-in';
  });
  const root = document.getElementById('page');
  const module = await import('./' + page + '.js');
  root.replaceChildren();
  await module.render(root, session);
  root.dataset.ready = 'true';
}

start().catch(e => {
  const root = document.getElementById('page');
  root.replaceChildren(el('p', { class: 'error', role: 'alert' }, 'The page could not load: ' + e.message));
});
