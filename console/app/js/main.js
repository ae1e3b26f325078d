import { get, token } from './api.js';
import { problemBox } from './dom.js';
import { preferredLanguage, t, useLanguage } from './i18n.js';
import * as audit from './audit.js';
import * as digests from './digests.js';
import * as queues from './queues.js';
import * as reports from './reports.js';
import * as situation from './situation.js';

const Pages = { situation, queues, reports, digests, audit };
let leave = null;

async function show() {
  leave?.();
  leave = null;
  const signedIn = Boolean(token.get());
  document.getElementById('sign-in').hidden = signedIn;
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('sign-out').hidden = !signedIn;
  const container = document.getElementById('page');
  container.replaceChildren();
  if (!signedIn) return;
  const name = location.hash.replace(/^#\//, '').split('?')[0] || 'situation';
  const page = Pages[name] ?? situation;
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.page === (Pages[name] ? name : 'situation')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${t(`nav.${Pages[name] ? name : 'situation'}`)} · ${t('brand')}`;
  leave = await page.render(container);
}

async function signIn(event) {
  event.preventDefault();
  const input = document.getElementById('token');
  const problem = document.getElementById('sign-in-problem');
  token.set(input.value.trim());
  try {
    await get('admin/queues'); // any admin route proves the token
    input.value = '';
    problem.hidden = true;
    await show();
    document.getElementById('main').focus();
  } catch (error) {
    token.clear();
    problem.replaceChildren(...problemBox(error).childNodes);
    problem.hidden = false;
  }
}

async function start() {
  await useLanguage(preferredLanguage());
  const select = document.getElementById('language');
  select.value = document.documentElement.lang;
  select.addEventListener('change', async () => {
    await useLanguage(select.value);
    await show();
  });
  document.getElementById('sign-in-form').addEventListener('submit', signIn);
  document.getElementById('sign-out').addEventListener('click', async () => {
    token.clear();
    await show();
  });
  window.addEventListener('hashchange', show);
  await show();
  document.body.dataset.ready = 'true';
}

start();
