// The web form of a campaign link. Its choices and limits come from the report's JSON Schema
// (/api/schema/report, the validator's own rules) so the form cannot disagree with the server;
// its words from i18n/<lang>.json. Reports go to the outbox (outbox.js) before anything is sent.
const Directions = { en: 'ltr', fr: 'ltr', ar: 'rtl' };
const api = (path) => new URL(`../../${path}`, location.href).href;
const Endpoint = api('campaign/reports');
const MaxPhotos = 3;
const PhotoEdge = 1600;
const $ = (id) => document.getElementById(id);

let words = {};
let lang = 'en';
let schema;
let campaign;
let point = null;
let photos = [];

const t = (key, values = {}) => (words[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));

async function start() {
  const outbox = self.IntakeOutbox;
  // The link carries its credential in the fragment (never sent to a server); keep it, then take it out of the address bar.
  if (location.hash.length > 1) {
    await outbox.setSetting('token', decodeURIComponent(location.hash.slice(1)));
    history.replaceState(null, '', location.pathname);
  }

  campaign = await loadCampaign(outbox);
  schema = await (await fetch(api('schema/report'))).json();
  const languages = (campaign?.languages?.length ? campaign.languages : Object.keys(Directions)).filter((l) => l in Directions);
  const stored = await outbox.getSetting('language');
  const browser = (navigator.languages || [navigator.language]).map((l) => (l || '').slice(0, 2)).find((l) => languages.includes(l));
  const select = $('language');
  for (const code of languages) select.append(new Option(code, code));
  await useLanguage(languages.includes(stored) ? stored : browser ?? languages[0]);
  select.addEventListener('change', async () => {
    await useLanguage(select.value);
    await outbox.setSetting('language', select.value);
  });

  wireForm();
  await renderOutbox();
  registerWorker();
  document.body.dataset.ready = 'true';

  // Send what is waiting now, whenever the browser comes back online, and every minute.
  addEventListener('online', () => flush(true));
  setInterval(() => flush(false), 60_000);
  await flush(true);
}

async function loadCampaign(outbox) {
  const token = await outbox.getSetting('token');
  if (!token) {
    showLinkProblem('link.missing');
    return null;
  }

  try {
    const response = await fetch(api('campaign'), { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
    if (response.ok) {
      const value = await response.json();
      await outbox.setSetting('campaign', value);
      return value;
    }

    if (response.status === 401) showLinkProblem('link.closed');
  } catch { /* offline: the campaign as last seen */ }
  return (await outbox.getSetting('campaign')) ?? null;
}

function showLinkProblem(key) {
  const problem = $('link-problem');
  problem.dataset.i18n = key;
  problem.textContent = t(key);
  problem.hidden = false;
}

async function useLanguage(code) {
  lang = code in Directions ? code : 'en';
  words = await (await fetch(`i18n/${lang}.json`)).json();
  document.documentElement.lang = lang;
  document.documentElement.dir = Directions[lang];
  $('language').value = lang;
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const option of $('language').options) option.textContent = words[`language.${option.value}`] ?? option.value;
  buildChoices();
  await renderOutbox();
}

// Every choice list from the schema; the words from the translation, else the schema's own.
function buildChoices() {
  const p = schema.properties;
  const keep = (name) => new FormData($('report-form')).getAll(name);

  const precision = $('precision');
  const chosenPrecision = precision.value;
  precision.replaceChildren(new Option(t('when.precisionAuto'), ''), ...p.occurredAtPrecision.enum.map((v) => new Option(t(`precision.${v}`), v)));
  precision.value = chosenPrecision;

  radios('categories', 'category', p.category.oneOf.map((c) => ({
    value: c.const,
    label: words[`category.${c.const}`] ?? c.title,
    hint: words[`category.${c.const}.hint`] ?? c.description,
  })), keep('category'));

  const severities = [];
  for (let s = p.severity.minimum; s <= p.severity.maximum; s++) severities.push({ value: String(s), label: t(`severity.${s}`) });
  radios('severities', 'severity', severities, keep('severity'));

  for (const id of ['killed', 'injured']) {
    $(id).min = String(p[id].minimum);
    $(id).max = String(p[id].maximum);
  }

  const perpetrator = $('perpetrator');
  const chosen = perpetrator.value || p.perpetratorType.default;
  perpetrator.replaceChildren(...p.perpetratorType.enum.map((v) => new Option(t(`perpetrator.${v}`), v)));
  perpetrator.value = chosen;

  checkboxes('victims', 'victims', p.victimGroups.items.enum.map((v) => ({ value: v, label: t(`victims.${v}`) })), keep('victims'));
  radios('sources', 'source', p.sourceType.enum.map((v) => ({ value: v, label: t(`source.${v}`) })), keep('source'));

  $('narrative').maxLength = p.narrative.maxLength;
  $('contact').maxLength = p.reporter.properties.contact.maxLength;
  $('place').maxLength = p.location.properties.placeName.maxLength;
  $('admin1').maxLength = p.location.properties.admin1.maxLength;
  $('occurred-date').max = today();
  $('occurred-date').min = '1900-01-01';
}

function radios(containerId, name, items, chosen) {
  choiceList(containerId, name, 'radio', items, chosen);
}

function checkboxes(containerId, name, items, chosen) {
  choiceList(containerId, name, 'checkbox', items, chosen);
}

function choiceList(containerId, name, type, items, chosen) {
  const container = $(containerId);
  container.querySelectorAll('.choice').forEach((e) => e.remove());
  items.forEach((item, i) => {
    const id = `${name}-${i}`;
    const row = document.createElement('div');
    row.className = 'choice';
    const input = Object.assign(document.createElement('input'), { type, name, value: item.value, id, checked: chosen.includes(item.value) });
    const label = Object.assign(document.createElement('label'), { htmlFor: id });
    label.append(Object.assign(document.createElement('span'), { className: 'choice-label', textContent: item.label }));
    if (item.hint) {
      const hint = Object.assign(document.createElement('span'), { className: 'hint', textContent: item.hint, id: `${id}-hint` });
      label.append(hint);
    }
    row.append(input, label);
    container.append(row);
  });
}

function wireForm() {
  const form = $('report-form');
  form.addEventListener('change', (event) => {
    if (event.target.name === 'followUp') $('contact-field').hidden = event.target.value !== 'yes';
  });
  $('locate').addEventListener('click', locate);
  $('open-map').addEventListener('click', async () => {
    const map = await import('./map.js');
    $('map').hidden = false;
    await map.open($('map'), t, (picked) => setPoint(picked, 'where.picked'), campaign?.bounds);
  });
  $('photos').addEventListener('change', addPhotos);
  form.addEventListener('submit', submit);
  $('clear').addEventListener('click', clearEverything);
}

function locate() {
  if (!navigator.geolocation) {
    $('where-status').textContent = t('where.noLocation');
    return;
  }

  $('where-status').textContent = t('where.locating');
  navigator.geolocation.getCurrentPosition(
    (position) => setPoint({ latitude: position.coords.latitude, longitude: position.coords.longitude, accuracyMeters: Math.round(position.coords.accuracy) }, 'where.located'),
    () => { $('where-status').textContent = t('where.noLocation'); },
    { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
}

function setPoint(value, key) {
  const max = schema.properties.location.properties.accuracyMeters.maximum;
  point = { ...value, accuracyMeters: Math.min(max, Math.max(0, value.accuracyMeters)) };
  $('where-status').textContent = t(key, {
    latitude: point.latitude.toFixed(4), longitude: point.longitude.toFixed(4), accuracy: new Intl.NumberFormat(lang).format(point.accuracyMeters),
  });
}

// Photos are made smaller in the browser (longest edge 1600 px, JPEG) before they are kept or sent.
async function addPhotos(event) {
  for (const file of [...event.target.files].slice(0, MaxPhotos - photos.length)) {
    const blob = await shrink(file);
    if (blob) photos.push({ name: `photo-${photos.length + 1}.jpg`, blob });
  }
  event.target.value = '';
  renderPhotos();
}

async function shrink(file) {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, PhotoEdge / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    // Drawing on a canvas also drops the photo's metadata (where and when it was taken, the device).
    return await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
  } catch {
    return null;
  }
}

function renderPhotos() {
  const list = $('photo-list');
  list.replaceChildren(...photos.map((photo, i) => {
    const item = document.createElement('li');
    const img = Object.assign(document.createElement('img'), { src: URL.createObjectURL(photo.blob), alt: t('story.photoAlt', { n: i + 1 }) });
    const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: t('story.removePhoto', { n: i + 1 }) });
    remove.addEventListener('click', () => { photos.splice(i, 1); renderPhotos(); });
    item.append(img, remove);
    return item;
  }));
  $('photos').disabled = photos.length >= MaxPhotos;
}

// The report as the JSON API takes it, or the list of what is missing.
function readReport() {
  const form = $('report-form');
  const data = new FormData(form);
  const errors = [];
  const date = data.get('date');
  if (!date || date > today()) errors.push('error.date');
  if (!point) errors.push('error.where');
  if (!data.get('category')) errors.push('error.category');
  if (!data.get('severity')) errors.push('error.severity');
  if (!data.get('source')) errors.push('error.source');
  if (!data.get('followUp') || !data.get('share')) errors.push('error.consent');
  const country = String(data.get('country') || '').trim().toUpperCase();
  if (country && !/^[A-Z]{2}$/.test(country)) errors.push('error.country');
  for (const id of ['killed', 'injured']) if (!$(id).checkValidity()) errors.push(`error.${id}`);
  if (errors.length) return { errors };

  const time = data.get('time');
  const report = {
    submissionId: crypto.randomUUID(),
    occurredAt: time ? `${date}T${time}:00${offset(new Date(`${date}T${time}`))}` : date,
    location: { latitude: point.latitude, longitude: point.longitude, accuracyMeters: point.accuracyMeters },
    category: data.get('category'),
    severity: Number(data.get('severity')),
    perpetratorType: data.get('perpetrator'),
    sourceType: data.get('source'),
    consent: { followUp: data.get('followUp') === 'yes', shareWithPartners: data.get('share') === 'yes' },
    language: lang,
  };
  if (data.get('precision')) report.occurredAtPrecision = data.get('precision');
  if (country) report.location.country = country;
  for (const [field, name] of [['admin1', 'admin1'], ['placeName', 'place']]) {
    const value = String(data.get(name) || '').trim();
    if (value) report.location[field] = value;
  }
  for (const id of ['killed', 'injured']) if ($(id).value !== '') report[id] = Number($(id).value);
  const victims = data.getAll('victims');
  if (victims.length) report.victimGroups = victims;
  const narrative = String(data.get('narrative') || '').trim();
  if (narrative) report.narrative = narrative;
  const contact = String(data.get('contact') || '').trim();
  if (report.consent.followUp && contact) report.reporter = { contact };
  return { report };
}

async function submit(event) {
  event.preventDefault();
  const { report, errors } = readReport();
  const box = $('form-errors');
  if (errors) {
    box.replaceChildren(Object.assign(document.createElement('p'), { textContent: t('error.intro') }),
      Object.assign(document.createElement('ul'), {}));
    for (const key of errors) box.lastChild.append(Object.assign(document.createElement('li'), { textContent: t(key) }));
    box.hidden = false;
    box.focus();
    return;
  }

  box.hidden = true;
  // Saved before anything is sent: closing the tab or losing the signal now loses nothing.
  await self.IntakeOutbox.save(report, photos);
  $('report-form').reset();
  $('contact-field').hidden = true;
  point = null;
  photos = [];
  renderPhotos();
  $('where-status').textContent = '';
  await renderOutbox();
  $('outbox-title').scrollIntoView();
  await requestSync();
  await flush(true);
}

async function flush(force) {
  try {
    await self.IntakeOutbox.flush(Endpoint, force);
  } finally {
    await renderOutbox();
  }
}

async function renderOutbox() {
  if (!self.IntakeOutbox || !words.title) return;
  const items = (await self.IntakeOutbox.list()).sort((a, b) => b.createdAt - a.createdAt);
  $('outbox-empty').hidden = items.length > 0;
  $('outbox').replaceChildren(...items.map((item) => {
    const row = document.createElement('li');
    row.dataset.status = item.status;
    row.dataset.submissionId = item.submissionId;
    const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(item.createdAt));
    const status = item.status === 'refused'
      ? t('outbox.refused', { reason: words[`problem.${item.reason}`] ?? t('problem.other', { code: item.reason }) })
      : t(`outbox.${item.status}`);
    row.textContent = `${when}: ${status}`;
    return row;
  }));
}

async function clearEverything() {
  if (!confirm(t('clear.confirm'))) return;
  await self.IntakeOutbox.clearEverything();
  for (const registration of await navigator.serviceWorker?.getRegistrations?.() ?? []) await registration.unregister();
  $('report-form').reset();
  photos = [];
  point = null;
  renderPhotos();
  await renderOutbox();
  $('cleared').textContent = t('clear.done');
}

function registerWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('sw.js').catch(() => { /* the form still works online */ });
  navigator.serviceWorker.addEventListener('message', (event) => { if (event.data === 'outbox-changed') renderOutbox(); });
}

// Background Sync where the browser has it (Chrome on Android): the report leaves even if the tab is closed first.
async function requestSync() {
  try {
    // getRegistration, not ready: ready never settles when the worker could not be registered.
    const registration = await navigator.serviceWorker?.getRegistration?.();
    await registration?.sync?.register('outbox');
  } catch { /* no Background Sync: the page sends on open and on 'online' */ }
}

function today() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function offset(date) {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

start();
