// Audit: what admins did (GET /api/admin/audit), newest first. Every admin request is audited,
// reads too (this console's own refreshes among them), so changes are shown alone unless asked.
import { get } from './api.js';
import { h, problemBox, table } from './dom.js';
import { format, formatTime, t } from './i18n.js';

const PageRows = 5000; // the route's most rows per call
const MaxPages = 10;   // then the view says it stopped, rather than reading a busy month for ever
const Shown = 500;
const Periods = { 1: 'audit.lastHour', 24: 'audit.lastDay', 168: 'audit.lastWeek' };

export async function render(container) {
  const state = { hours: 24, reads: false };
  const view = h('section', { 'aria-labelledby': 'audit-title' });
  container.append(h('h1', {}, t('nav.audit')), view);

  function form() {
    const period = h('select', { id: 'audit-period' },
      Object.entries(Periods).map(([hours, key]) => h('option', { value: hours, selected: Number(hours) === state.hours }, t(key))));
    period.addEventListener('change', () => { state.hours = Number(period.value); load(); });
    const reads = h('input', { id: 'audit-reads', type: 'checkbox', checked: state.reads });
    reads.addEventListener('change', () => { state.reads = reads.checked; load(); });
    const refresh = h('button', { type: 'button', id: 'audit-refresh', class: 'secondary' }, t('audit.refresh'));
    refresh.addEventListener('click', load);
    return h('form', { class: 'filters', 'aria-label': t('filters') },
      h('div', { class: 'field' }, h('label', { for: 'audit-period' }, t('audit.period')), period),
      h('div', { class: 'field check' }, reads, h('label', { for: 'audit-reads' }, t('audit.reads'))),
      h('div', { class: 'field' }, refresh));
  }

  async function load() {
    const progress = h('p', { class: 'progress' }, t('loading'));
    view.replaceChildren(h('h2', { id: 'audit-title' }, t('audit.title')), form(), progress);
    const to = new Date(Date.now() + 60000);
    let from = new Date(to.getTime() - state.hours * 3600000);
    const rows = [];
    const seen = new Set();
    let complete = false;
    try {
      // The route answers oldest first, at most PageRows a call: read forward from the last row's time.
      for (let pageNumber = 0; pageNumber < MaxPages && !complete; pageNumber++) {
        const page = await get(`admin/audit?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&max=${PageRows}`);
        for (const row of page) {
          const key = `${row.at}|${row.who}|${row.request}|${row.status}`;
          if (!seen.has(key)) { seen.add(key); rows.push(row); }
        }
        complete = page.length < PageRows;
        if (!complete) from = new Date(page[page.length - 1].at);
        progress.textContent = t('audit.reading', { count: rows.length });
      }
    } catch (error) {
      view.replaceChildren(h('h2', { id: 'audit-title' }, t('audit.title')), form(), problemBox(error));
      return;
    }

    const wanted = rows.filter((r) => state.reads || !r.request.startsWith('GET ')).reverse().slice(0, Shown);
    view.replaceChildren(h('h2', { id: 'audit-title' }, t('audit.title')), form(),
      h('p', { class: 'count' }, t('audit.count', { count: wanted.length, read: rows.length }) + (complete ? '' : ` ${t('audit.stopped')}`)),
      wanted.length === 0 ? h('p', {}, t('audit.empty')) : table(t('audit.title'),
        [t('audit.at'), t('audit.who'), t('audit.action'), t('audit.outcome'), t('audit.count.header'), t('audit.parameters')],
        wanted.map((r) => h('tr', { class: `audit ${r.outcome}` },
          h('td', { class: 'when' }, formatTime(r.at)),
          h('td', {}, r.whoName || r.who),
          h('td', {}, h('strong', {}, r.action), h('br'), h('code', {}, r.request)),
          h('td', {}, `${t(`outcome.${r.outcome}`)} (${r.status})`),
          h('td', {}, r.count === null || r.count === undefined ? '' : format(r.count)),
          h('td', {}, r.parameters === '{}' ? '' : h('code', {}, r.parameters))))));
  }

  await load();
}
