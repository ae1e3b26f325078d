// Digests: the archive, one day at a time with the HTML digest embedded as subscribers read it;
// the subscribers and the flash-alert webhooks, added and removed.
import { get, post, remove } from './api.js';
import { announce, confirmed, daysBefore, h, problemBox, table, today } from './dom.js';
import { format, formatTime, t } from './i18n.js';
import { embedDigest } from './embed.js';

const Audiences = ['partner', 'internal'];
const Languages = ['', 'en', 'fr', 'ar'];

export async function render(container) {
  const archive = h('section', { 'aria-labelledby': 'archive-title' });
  const subscribers = h('section', { 'aria-labelledby': 'subscribers-title' });
  const webhooks = h('section', { 'aria-labelledby': 'webhooks-title' });
  container.append(h('h1', {}, t('nav.digests')), archive, subscribers, webhooks);
  const day = new URLSearchParams(location.hash.split('?')[1] ?? '').get('day');

  await Promise.all([loadArchive(archive, day), loadSubscribers(subscribers), loadWebhooks(webhooks)]);
}

async function loadArchive(section, wanted) {
  const title = () => h('h2', { id: 'archive-title' }, t('digests.archive'));
  section.replaceChildren(title(), h('p', { class: 'progress' }, t('loading')));
  let html = null;
  let shownDay = wanted;
  let failure = null;
  try {
    if (!shownDay) shownDay = (await get('digests/latest?format=json')).day;
    html = await get(`digests/${shownDay}?format=html`);
  } catch (error) {
    failure = error;
  }

  const picker = h('input', { id: 'digest-day', type: 'date', value: shownDay ?? today(), max: today() });
  const go = (value) => { location.hash = `#/digests?day=${value}`; };
  picker.addEventListener('change', () => { if (picker.value) go(picker.value); });
  const at = shownDay ?? today();
  const previous = h('button', { type: 'button', id: 'digest-previous' }, t('digests.previous'));
  previous.addEventListener('click', () => go(daysBefore(at, 1)));
  const next = h('button', { type: 'button', id: 'digest-next', disabled: at >= today() }, t('digests.next'));
  next.addEventListener('click', () => go(daysBefore(at, -1)));
  const compile = h('button', { type: 'button', id: 'digest-compile', class: 'secondary' }, t('digests.compile'));
  const result = h('div', { class: 'result', id: 'digest-result' });
  compile.addEventListener('click', async () => {
    compile.disabled = true;
    result.replaceChildren(h('p', { class: 'progress' }, t('digests.compiling', { day: at })));
    try {
      const digest = await post(`admin/digests/${at}/compile`);
      announce(t('digests.compiled', { day: digest.day }));
      await loadArchive(section, digest.day);
    } catch (error) {
      result.replaceChildren(problemBox(error));
      compile.disabled = false;
    }
  });

  section.replaceChildren(title(),
    await dayList(shownDay),
    h('div', { class: 'filters' },
      h('div', { class: 'field' }, h('label', { for: 'digest-day' }, t('digests.day')), picker),
      h('div', { class: 'field' }, previous), h('div', { class: 'field' }, next), h('div', { class: 'field' }, compile)),
    result);
  if (failure) {
    section.append(failure.status === 404 ? h('p', {}, t('alerts.noDigest')) : problemBox(failure));
    return;
  }

  section.append(embedDigest(html, t('digests.embedded', { day: shownDay })));
}

// The days that have a digest, newest first (GET digests), as links; the page shows 60 and can read older ones.
async function dayList(shownDay) {
  const nav = h('nav', { 'aria-labelledby': 'digest-days-title', class: 'days' }, h('h3', { id: 'digest-days-title' }, t('digests.days')));
  const list = h('ul', { id: 'digest-days' });
  const more = h('button', { type: 'button', id: 'digest-days-more', class: 'secondary', hidden: true }, t('digests.more'));
  let before = null;
  const read = async () => {
    more.disabled = true;
    try {
      const page = await get(`digests?max=60${before ? `&before=${before}` : ''}`);
      for (const day of page.days) {
        list.append(h('li', {}, h('a', { href: `#/digests?day=${day}`, 'aria-current': day === shownDay ? 'page' : null }, format(day))));
      }
      if (list.childElementCount === 0) nav.append(h('p', {}, t('digests.noDays')));
      before = page.before;
      more.hidden = !before;
    } catch (error) {
      nav.append(problemBox(error));
    }
    more.disabled = false;
  };
  more.addEventListener('click', read);
  await read();
  nav.append(list, more);
  return nav;
}

function regionsOf(text) {
  return text.split(/[\s,;]+/).map((r) => r.trim()).filter(Boolean);
}

// A managed list's section while it loads: its title, then progress, then the list or the problem.
// Answers the list, or null when loading failed (the section then shows why).
async function loadList(section, title, path) {
  section.replaceChildren(title(), h('p', { class: 'progress' }, t('loading')));
  try {
    return await get(path);
  } catch (error) {
    section.replaceChildren(title(), problemBox(error));
    return null;
  }
}

async function loadSubscribers(section) {
  const title = () => h('h2', { id: 'subscribers-title' }, t('subscribers.title'));
  const result = h('div', { class: 'result', id: 'subscriber-result' });
  const list = await loadList(section, title, 'admin/subscribers');
  if (list === null) {
    return;
  }

  const email = h('input', { id: 'subscriber-email', type: 'email', required: true, autocomplete: 'off' });
  const regions = h('input', { id: 'subscriber-regions', type: 'text', required: true, 'aria-describedby': 'subscriber-regions-help' });
  const language = h('select', { id: 'subscriber-language' }, Languages.map((l) => h('option', { value: l }, l ? t(`languageName.${l}`) : t('subscribers.anyLanguage'))));
  const audience = h('select', { id: 'subscriber-audience' }, Audiences.map((a) => h('option', { value: a }, t(`audience.${a}`))));
  const flash = h('input', { id: 'subscriber-flash', type: 'checkbox' });
  const add = h('button', { type: 'submit', id: 'subscriber-add' }, t('subscribers.add'));
  const form = h('form', { class: 'filters', 'aria-labelledby': 'subscriber-add-title' },
    h('h3', { id: 'subscriber-add-title' }, t('subscribers.addTitle')),
    h('div', { class: 'field' }, h('label', { for: 'subscriber-email' }, t('subscribers.email')), email),
    h('div', { class: 'field' }, h('label', { for: 'subscriber-regions' }, t('regions')), regions,
      h('small', { id: 'subscriber-regions-help' }, t('regions.help'))),
    h('div', { class: 'field' }, h('label', { for: 'subscriber-language' }, t('language')), language),
    h('div', { class: 'field' }, h('label', { for: 'subscriber-audience' }, t('audience')), audience),
    h('div', { class: 'field check' }, flash, h('label', { for: 'subscriber-flash' }, t('subscribers.flash'))),
    h('div', { class: 'field' }, add));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    add.disabled = true;
    result.replaceChildren(h('p', { class: 'progress' }, t('working')));
    try {
      const created = await post('admin/subscribers', {
        email: email.value.trim(), regions: regionsOf(regions.value), language: language.value || null, flash: flash.checked, audience: audience.value,
      });
      announce(t('subscribers.added', { email: created.email }));
      await loadSubscribers(section);
      section.querySelector('#subscriber-result').replaceChildren(h('p', {}, t('subscribers.added', { email: created.email })));
    } catch (error) {
      result.replaceChildren(problemBox(error));
      add.disabled = false;
    }
  });

  const rows = list.map((s) => {
    const button = h('button', { type: 'button', class: 'danger', 'aria-label': t('subscribers.removeOne', { email: s.email }) }, t('remove'));
    button.addEventListener('click', () => removeThen(button, result, t('subscribers.confirmRemove', { email: s.email }),
      `admin/subscribers/${s.id}`, t('subscribers.removed', { email: s.email }), () => loadSubscribers(section)));
    return h('tr', {}, h('td', {}, s.email), h('td', {}, s.regions.join(', ')), h('td', {}, s.language ? t(`languageName.${s.language}`) : ''),
      h('td', {}, t(`audience.${s.audience}`)), h('td', {}, s.flash ? t('yes') : t('no')), h('td', {}, button));
  });
  section.replaceChildren(title(),
    list.length === 0 ? h('p', {}, t('subscribers.empty')) : table(t('subscribers.title'),
      [t('subscribers.email'), t('regions'), t('language'), t('audience'), t('subscribers.flash'), t('actions.title')], rows),
    form, result);
}

async function loadWebhooks(section) {
  const title = () => h('h2', { id: 'webhooks-title' }, t('webhooks.title'));
  const result = h('div', { class: 'result', id: 'webhook-result' });
  const list = await loadList(section, title, 'admin/flash/webhooks');
  if (list === null) {
    return;
  }

  const url = h('input', { id: 'webhook-url', type: 'url', required: true, autocomplete: 'off' });
  const regions = h('input', { id: 'webhook-regions', type: 'text', required: true, 'aria-describedby': 'webhook-regions-help' });
  const audience = h('select', { id: 'webhook-audience' }, Audiences.map((a) => h('option', { value: a }, t(`audience.${a}`))));
  const add = h('button', { type: 'submit', id: 'webhook-add' }, t('webhooks.add'));
  const form = h('form', { class: 'filters', 'aria-labelledby': 'webhook-add-title' },
    h('h3', { id: 'webhook-add-title' }, t('webhooks.addTitle')),
    h('div', { class: 'field wide' }, h('label', { for: 'webhook-url' }, t('webhooks.url')), url),
    h('div', { class: 'field' }, h('label', { for: 'webhook-regions' }, t('regions')), regions,
      h('small', { id: 'webhook-regions-help' }, t('regions.help'))),
    h('div', { class: 'field' }, h('label', { for: 'webhook-audience' }, t('audience')), audience),
    h('div', { class: 'field' }, add));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    add.disabled = true;
    result.replaceChildren(h('p', { class: 'progress' }, t('working')));
    try {
      const created = await post('admin/flash/webhooks', { url: url.value.trim(), regions: regionsOf(regions.value), audience: audience.value });
      announce(t('webhooks.added'));
      await loadWebhooks(section);
      // The signing secret is in this answer only: shown once, for the receiver's configuration.
      section.querySelector('#webhook-result').replaceChildren(h('div', { class: 'secret' },
        h('p', {}, t('webhooks.added')), h('p', {}, t('webhooks.secret')), h('code', { id: 'webhook-secret' }, created.secret)));
    } catch (error) {
      result.replaceChildren(problemBox(error));
      add.disabled = false;
    }
  });

  const rows = list.map((w) => {
    const button = h('button', { type: 'button', class: 'danger', 'aria-label': t('webhooks.removeOne', { url: w.url }) }, t('remove'));
    button.addEventListener('click', () => removeThen(button, result, t('webhooks.confirmRemove', { url: w.url }),
      `admin/flash/webhooks/${w.id}`, t('webhooks.removed', { url: w.url }), () => loadWebhooks(section)));
    return h('tr', {}, h('td', {}, h('code', {}, w.url)), h('td', {}, w.regions.join(', ')), h('td', {}, t(`audience.${w.audience}`)),
      h('td', {}, formatTime(w.createdAt)), h('td', {}, button));
  });
  section.replaceChildren(title(), h('p', {}, t('webhooks.help')),
    list.length === 0 ? h('p', {}, t('webhooks.empty')) : table(t('webhooks.title'),
      [t('webhooks.url'), t('regions'), t('audience'), t('webhooks.created'), t('actions.title')], rows),
    form, result);
}

// Confirm by name, delete, then reload the section and say what was removed.
async function removeThen(button, result, question, path, done, reload) {
  if (!(await confirmed(question))) return;
  button.disabled = true;
  result.replaceChildren(h('p', { class: 'progress' }, t('working')));
  try {
    await remove(path);
    announce(done);
    await reload();
    const fresh = document.getElementById(result.id);
    fresh?.replaceChildren(h('p', {}, done));
  } catch (error) {
    result.replaceChildren(problemBox(error));
    button.disabled = false;
  }
}
