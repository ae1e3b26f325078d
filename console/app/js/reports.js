// Reports: the index by day and status, and one report's status, classification and attachments
// (images previewed; never its narrative, reporter or contact).
import { bytes, get } from './api.js';
import { daysBefore, h, problemBox, table, today } from './dom.js';
import { format, formatTime, t } from './i18n.js';

const Statuses = ['failed', 'needs-review', 'encrypted', 'received'];

export async function render(container) {
  const id = new URLSearchParams(location.hash.split('?')[1] ?? '').get('id');
  const state = { from: daysBefore(today(), 6), to: today(), status: Statuses.join(','), search: '' };
  const list = h('section', { 'aria-labelledby': 'list-title' });
  const detail = h('section', { 'aria-labelledby': 'detail-title' });
  container.append(h('h1', {}, t('nav.reports')), id ? detail : null, list);

  // The form stays while the list under it is redrawn, so typing in the search box keeps its focus.
  const results = h('div', {});
  let page = null;

  async function loadList() {
    results.replaceChildren(h('p', { class: 'progress' }, t('loading')));
    try {
      page = await get(`admin/reports?from=${state.from}&to=${state.to}&status=${state.status}&max=500`);
      showList();
    } catch (error) {
      results.replaceChildren(problemBox(error));
    }
  }

  // Search narrows the loaded list by report id, status, category or reason, as typed.
  function showList() {
    const words = state.search.trim().toLowerCase();
    const reasonOf = (r) => [r.lastError, ...(r.reviewReasons ?? [])].filter(Boolean).join('; ');
    const shown = page.items.filter((r) => !words || [r.reportId, t(`status.${r.status}`), r.category ? t(`category.${r.category}`) : '', reasonOf(r)]
      .some((text) => text.toLowerCase().includes(words)));
    results.replaceChildren(
      h('p', { class: 'count', id: 'reports-count' }, (words ? t('reports.matching', { count: shown.length, total: page.count }) : t('reports.count', { count: page.count }))
        + (page.truncated ? ` ${t('reports.truncated')}` : '')),
      table(t('reports.list'), [t('report'), t('status'), t('receivedOn'), t('attempts'), t('category'), t('reason')],
        shown.map((r) => h('tr', {},
          h('td', {}, h('a', { href: `#/reports?id=${r.reportId}` }, r.reportId)),
          h('td', {}, t(`status.${r.status}`)), h('td', {}, formatTime(r.receivedAt)), h('td', {}, String(r.attempts)),
          h('td', {}, r.category ? t(`category.${r.category}`) : ''),
          h('td', { class: 'reason' }, reasonOf(r))))));
  }

  function form() {
    const input = (key, label) => {
      const element = h('input', { id: `reports-${key}`, type: 'date', value: state[key] });
      element.addEventListener('change', () => { if (element.value) { state[key] = element.value; loadList(); } });
      return h('div', { class: 'field' }, h('label', { for: `reports-${key}` }, label), element);
    };
    const status = h('select', { id: 'reports-status' }, h('option', { value: Statuses.join(',') }, t('reports.needingAttention')),
      Statuses.map((s) => h('option', { value: s, selected: s === state.status }, t(`status.${s}`))));
    status.addEventListener('change', () => { state.status = status.value; loadList(); });
    const search = h('input', { id: 'reports-search', type: 'search', value: state.search, autocomplete: 'off' });
    search.addEventListener('input', () => { state.search = search.value; if (page) showList(); });
    const element = h('form', { class: 'filters', 'aria-label': t('filters') }, input('from', t('receivedFrom')), input('to', t('receivedTo')),
      h('div', { class: 'field' }, h('label', { for: 'reports-status' }, t('status')), status),
      h('div', { class: 'field wide' }, h('label', { for: 'reports-search' }, t('reports.search')), search));
    element.addEventListener('submit', (event) => event.preventDefault());
    return element;
  }

  async function loadDetail() {
    detail.replaceChildren(h('h2', { id: 'detail-title' }, t('reports.one', { id })), h('p', { class: 'progress' }, t('loading')));
    try {
      const r = await get(`reports/${encodeURIComponent(id)}`);
      const row = (label, value) => (value === null || value === undefined || value === '' ? null : [h('dt', {}, label), h('dd', {}, value)]);
      detail.replaceChildren(h('h2', { id: 'detail-title' }, t('reports.one', { id })), h('dl', { class: 'facts' },
        row(t('status'), t(`status.${r.status}`)),
        row(t('receivedAt'), formatTime(r.receivedAt)),
        row(t('processedAt'), formatTime(r.processedAt)),
        row(t('attempts'), String(r.attempts)),
        row(t('reason'), [r.lastError, ...(r.reviewReasons ?? [])].filter(Boolean).join('; ')),
        row(t('category'), r.category ? t(`category.${r.category}`) : null),
        row(t('riskFactors'), (r.riskFactors ?? []).join(', ')),
        row(t('severity'), r.severity === null ? null : String(r.severity)),
        row(t('occurredOn'), r.occurredOn),
        row(t('area'), r.place ? `${r.place.admin1Name ?? ''} (${r.place.areaCode ?? ''})` : r.admin1),
        row(t('country'), r.place?.country ?? r.country),
        row(t('source'), r.source)),
      attemptHistory(r.history ?? []),
      attachmentList(id, r.attachments ?? []));
    } catch (error) {
      detail.replaceChildren(h('h2', { id: 'detail-title' }, t('reports.one', { id })), problemBox(error));
    }
  }

  list.append(h('h2', { id: 'list-title' }, t('reports.list')), form(), results);
  await Promise.all([id ? loadDetail() : null, loadList()]);
}

// The last processing attempts the index row keeps (at most 10): when, how each ended, why it failed.
function attemptHistory(history) {
  const section = h('div', { class: 'history' }, h('h3', { id: 'history-title' }, t('history.title')));
  if (history.length === 0) {
    section.append(h('p', {}, t('history.none')));
    return section;
  }

  section.append(table(t('history.caption'), [t('history.attempt'), t('history.at'), t('history.outcome'), t('history.error')],
    history.map((a) => h('tr', {},
      h('td', {}, String(a.attempt)), h('td', {}, formatTime(a.at)), h('td', {}, t(`status.${a.outcome}`)), h('td', { class: 'reason' }, a.error ?? '')))));
  return section;
}

// Images a browser shows safely are previewed; every file can be saved. Each fetch is an audited admin read.
const Previewed = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const MaxPreviewBytes = 5 * 1024 * 1024;

function attachmentList(id, attachments) {
  const section = h('div', { class: 'attachments' }, h('h3', { id: 'attachments-title' }, t('attachments.title')));
  if (attachments.length === 0) {
    section.append(h('p', {}, t('attachments.none')));
    return section;
  }

  const list = h('ul', { class: 'files', 'aria-labelledby': 'attachments-title' });
  for (const file of attachments) {
    const path = `admin/reports/${encodeURIComponent(id)}/attachments/${file.sha256}`;
    const save = h('button', { type: 'button', class: 'secondary', 'aria-label': t('attachments.saveOne', { name: file.fileName }) }, t('attachments.save'));
    const item = h('li', { class: 'file' },
      h('p', {}, h('strong', {}, file.fileName), ` · ${file.contentType} · ${t('attachments.size', { kb: format(Math.max(1, Math.round(file.length / 1024))) })}`),
      h('p', { class: 'sha' }, h('code', {}, file.sha256)),
      h('p', {}, save));
    save.addEventListener('click', async () => {
      save.disabled = true;
      try {
        const url = URL.createObjectURL(await bytes(path));
        const link = h('a', { href: url, download: file.fileName });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
      } catch (error) {
        item.append(problemBox(error));
      } finally {
        save.disabled = false;
      }
    });
    if (Previewed.includes(file.contentType) && file.length <= MaxPreviewBytes) {
      const figure = h('figure', { class: 'preview' }, h('p', { class: 'progress' }, t('loading')));
      item.append(figure);
      preview(path, file, figure);
    }

    list.append(item);
  }

  section.append(list);
  return section;
}

// The console's policy allows data: images only (no blob:), so the bytes become a data URL.
async function preview(path, file, figure) {
  try {
    const blob = await bytes(path);
    const url = await new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
    figure.replaceChildren(h('img', { src: url, alt: t('attachments.alt', { name: file.fileName }) }), h('figcaption', {}, file.fileName));
  } catch (error) {
    figure.replaceChildren(problemBox(error));
  }
}
