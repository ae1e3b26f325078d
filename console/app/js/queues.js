// Queues: counts refreshed live, the poison queue and the reports that need attention with their
// reasons, and the actions that put them right (each previewed, confirmed by count, its result shown).
import { get, post } from './api.js';
import { announce, confirmed, daysBefore, h, problemBox, table, today } from './dom.js';
import { formatTime, language, t } from './i18n.js';

const RefreshMs = 5000;

export async function render(container) {
  const counts = h('section', { 'aria-labelledby': 'counts-title' });
  const poison = h('section', { 'aria-labelledby': 'poison-title' });
  const attention = h('section', { 'aria-labelledby': 'attention-title' });
  const actions = h('section', { 'aria-labelledby': 'actions-title' });
  container.append(h('h1', {}, t('nav.queues')), counts, poison, attention, actions);

  async function loadCounts() {
    try {
      const queues = await get('admin/queues');
      counts.replaceChildren(h('h2', { id: 'counts-title' }, t('queues.counts')),
        table(t('queues.counts'), [t('queues.queue'), t('queues.waiting'), t('queues.poisonQueue'), t('queues.poisonCount')],
          queues.map((q) => h('tr', {}, h('td', {}, q.name), h('td', { 'data-count': 'waiting' }, String(q.approximateMessages)),
            h('td', {}, q.poisonQueue), h('td', { 'data-count': 'poison' }, String(q.poisonMessages))))),
        h('p', { class: 'updated' }, t('queues.updated', { time: new Date().toLocaleTimeString(language()) })));
    } catch (error) {
      counts.replaceChildren(h('h2', { id: 'counts-title' }, t('queues.counts')), problemBox(error));
    }
  }

  // The button and its result stay while the list above them is refreshed.
  const poisonList = h('div', {});
  const reprocess = h('button', { type: 'button', id: 'reprocess' }, t('poison.reprocess'));
  const reprocessResult = h('div', { class: 'result', id: 'reprocess-result' });
  reprocess.addEventListener('click', () => runPreviewed(reprocess, reprocessResult, 'admin/poison/reprocess', {},
    (preview) => t('poison.confirm', { count: preview.matched }),
    (preview) => ({ reportIds: preview.reportIds }),
    (done) => t('poison.done', { count: done.moved }), refreshAll));
  poison.append(h('h2', { id: 'poison-title' }, t('poison.title')), poisonList, h('p', {}, reprocess), reprocessResult);

  async function loadPoison() {
    poisonList.replaceChildren(h('p', { class: 'progress' }, t('loading')));
    try {
      const messages = await get('admin/poison');
      poisonList.replaceChildren(messages.length === 0 ? h('p', {}, t('poison.empty')) : table(t('poison.title'),
        [t('report'), t('receivedOn'), t('poison.poisonedAt'), t('poison.dequeues'), t('reason')],
        messages.map((m) => h('tr', {}, h('td', {}, h('a', { href: `#/reports?id=${m.reportId}` }, m.reportId)), h('td', {}, m.receivedOn),
          h('td', {}, formatTime(m.poisonedAt)), h('td', {}, String(m.dequeueCount)), h('td', { class: 'reason' }, m.lastError ?? '')))));
    } catch (error) {
      poisonList.replaceChildren(problemBox(error));
    }
  }

  async function loadAttention() {
    attention.replaceChildren(h('h2', { id: 'attention-title' }, t('attention.title')), h('p', { class: 'progress' }, t('loading')));
    try {
      const page = await get(`admin/reports?from=${daysBefore(today(), 6)}&to=${today()}&status=failed,needs-review,encrypted`);
      attention.replaceChildren(h('h2', { id: 'attention-title' }, t('attention.title')),
        page.items.length === 0 ? h('p', {}, t('attention.empty')) : table(t('attention.title'),
          [t('report'), t('status'), t('receivedOn'), t('attempts'), t('reason')],
          page.items.map((r) => h('tr', {}, h('td', {}, h('a', { href: `#/reports?id=${r.reportId}` }, r.reportId)),
            h('td', {}, t(`status.${r.status}`)), h('td', {}, r.receivedOn), h('td', {}, String(r.attempts)),
            h('td', { class: 'reason' }, [r.lastError, ...(r.reviewReasons ?? [])].filter(Boolean).join('; '))))));
    } catch (error) {
      attention.replaceChildren(h('h2', { id: 'attention-title' }, t('attention.title')), problemBox(error));
    }
  }

  function renderActions() {
    const from = h('input', { id: 'requeue-from', type: 'date', value: daysBefore(today(), 6), required: true });
    const to = h('input', { id: 'requeue-to', type: 'date', value: today(), required: true });
    const status = h('select', { id: 'requeue-status' },
      ['processed', 'failed', 'needs-review', 'encrypted'].map((s) => h('option', { value: s }, t(`status.${s}`))));
    const requeue = h('button', { type: 'button', id: 'requeue' }, t('requeue.button'));
    const requeueResult = h('div', { class: 'result', id: 'requeue-result' });
    requeue.addEventListener('click', () => runPreviewed(requeue, requeueResult, 'admin/reports/requeue',
      { receivedFrom: from.value, receivedTo: to.value, status: status.value },
      (preview) => t('requeue.confirm', { count: preview.matched }),
      () => ({}),
      (done) => t('requeue.done', { count: done.moved }), refreshAll));
    const reconcile = h('button', { type: 'button', id: 'reconcile' }, t('reconcile.button'));
    const reconcileResult = h('div', { class: 'result', id: 'reconcile-result' });
    reconcile.addEventListener('click', async () => {
      reconcile.disabled = true;
      reconcileResult.replaceChildren(h('p', { class: 'progress' }, t('working')));
      try {
        const summary = await post('admin/reconcile');
        const text = t('reconcile.done', { scanned: summary.submissionsScanned, created: summary.rowsCreated, requeued: summary.requeued });
        reconcileResult.replaceChildren(h('p', {}, text));
        announce(text);
        refreshAll();
      } catch (error) {
        reconcileResult.replaceChildren(problemBox(error));
      } finally {
        reconcile.disabled = false;
      }
    });
    actions.replaceChildren(h('h2', { id: 'actions-title' }, t('actions.title')),
      h('form', { class: 'filters', 'aria-labelledby': 'requeue-title' },
        h('h3', { id: 'requeue-title' }, t('requeue.title')),
        h('div', { class: 'field' }, h('label', { for: 'requeue-from' }, t('receivedFrom')), from),
        h('div', { class: 'field' }, h('label', { for: 'requeue-to' }, t('receivedTo')), to),
        h('div', { class: 'field' }, h('label', { for: 'requeue-status' }, t('status')), status),
        h('div', { class: 'field' }, requeue)),
      requeueResult,
      h('h3', {}, t('reconcile.title')), h('p', {}, t('reconcile.help')), h('p', {}, reconcile), reconcileResult);
  }

  function refreshAll() {
    loadCounts();
    loadPoison();
    loadAttention();
  }

  renderActions();
  await Promise.all([loadCounts(), loadPoison(), loadAttention()]);
  const timer = setInterval(loadCounts, RefreshMs);
  return () => clearInterval(timer);
}

// Dry run first; then a confirmation that names the count; then the real run and its result.
async function runPreviewed(button, result, path, body, question, narrowing, outcome, after) {
  button.disabled = true;
  result.replaceChildren(h('p', { class: 'progress' }, t('working')));
  try {
    const preview = await post(path, { ...body, dryRun: true });
    if (preview.matched === 0) {
      result.replaceChildren(h('p', {}, t('nothingToDo')));
      return;
    }

    if (!(await confirmed(question(preview)))) {
      result.replaceChildren(h('p', {}, t('cancelled')));
      return;
    }

    result.replaceChildren(h('p', { class: 'progress' }, t('working')));
    const done = await post(path, { ...body, ...narrowing(preview), dryRun: false });
    const text = outcome(done);
    result.replaceChildren(h('p', {}, text));
    announce(text);
    after();
  } catch (error) {
    result.replaceChildren(problemBox(error));
  } finally {
    button.disabled = false;
  }
}
