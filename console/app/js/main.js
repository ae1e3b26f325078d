import { get, token } from './api.js';
import { loadSettings } from './settings.js';
import { entraAccount, signInWithEntra, signOutOfEntra, startEntra } from './entra.js';
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
  const signedIn = Boolean(token.get() || entraAccount());
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

function showProblem(error) {
  const problem = document.getElementById('sign-in-problem');
  problem.replaceChildren(...problemBox(error).childNodes);
  problem.hidden = false;
}

// Reads the settings and, when Entra ID is configured, starts MSAL (taking in the answer of a
// sign-in the authority redirected back with) and offers its button beside the token form.
async function startSignIn() {
  const settings = await loadSettings();
  try {
    document.getElementById('entra').hidden = !(await startEntra(settings));
  } catch (error) {
    showProblem({ title: 'Entra ID sign-in failed', detail: error.message || String(error) });
    document.getElementById('entra').hidden = false;
  }
  document.getElementById('entra-sign-in').addEventListener('click', async () => {
    try {
      await signInWithEntra();
    } catch (error) {
      showProblem({ title: 'Entra ID sign-in failed', detail: error.message || String(error) });
    }
  });
}

async function start() {
  await useLanguage(preferredLanguage());
  await startSignIn();
  const select = document.getElementById('language');
  select.value = document.documentElement.lang;
  select.addEventListener('change', async () => {
    await useLanguage(select.value);
    await show();
  });
  document.getElementById('sign-in-form').addEventListener('submit', signIn);
  document.getElementById('sign-out').addEventListener('click', async () => {
    token.clear();
    await signOutOfEntra();
    await show();
  });
  window.addEventListener('hashchange', show);
  await show();
  document.body.dataset.ready = 'true';
}

start();
