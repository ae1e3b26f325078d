// Reports: the index by day and status, and one report's status and classification (never its content).
import { get } from './api.js';
import { daysBefore, h, problemBox, table, today } from './dom.js';
import { formatTime, t } from './i18n.js';

const Statuses = ['failed', 'needs-review', 'encrypted', 'received'];

export async function render(container) {
  const id = new URLSearchParams(location.hash.split('?')[1] ?? '').get('id');
  const state = { from: daysBefore(today(), 6), to: today(), status: Statuses.join(',') };
  const list = h('section', { 'aria-labelledby': 'list-title' });
  const detail = h('section', { 'aria-labelledby': 'detail-title' });
  container.append(h('h1', {}, t('nav.reports')), id ? detail : null, list);

  async function loadList() {
    list.replaceChildren(h('h2', { id: 'list-title' }, t('reports.list')), form(), h('p', { class: 'progress' }, t('loading')));
    try {
      const page = await get(`admin/reports?from=${state.from}&to=${state.to}&status=${state.status}&max=500`);
      list.replaceChildren(h('h2', { id: 'list-title' }, t('reports.list')), form(),
        h('p', { class: 'count' }, t('reports.count', { count: page.count }) + (page.truncated ? ` ${t('reports.truncated')}` : '')),
        table(t('reports.list'), [t('report'), t('status'), t('receivedOn'), t('attempts'), t('category'), t('reason')],
          page.items.map((r) => h('tr', {},
            h('td', {}, h('a', { href: `#/reports?id=${r.reportId}` }, r.reportId)),
            h('td', {}, t(`status.${r.status}`)), h('td', {}, formatTime(r.receivedAt)), h('td', {}, String(r.attempts)),
            h('td', {}, r.category ? t(`category.${r.category}`) : ''),
            h('td', { class: 'reason' }, [r.lastError, ...(r.reviewReasons ?? [])].filter(Boolean).join('; '))))));
    } catch (error) {
      list.replaceChildren(h('h2', { id: 'list-title' }, t('reports.list')), form(), problemBox(error));
    }
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
    return h('form', { class: 'filters', 'aria-label': t('filters') }, input('from', t('receivedFrom')), input('to', t('receivedTo')),
      h('div', { class: 'field' }, h('label', { for: 'reports-status' }, t('status')), status));
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
        row(t('source'), r.source)));
    } catch (error) {
      detail.replaceChildren(h('h2', { id: 'detail-title' }, t('reports.one', { id })), problemBox(error));
    }
  }

  await Promise.all([id ? loadDetail() : null, loadList()]);
}
