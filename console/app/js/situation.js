// Situation: a day's alerts with their explanation, and the map of incidents with filters.
// Only what the index keeps is shown: never narrative, reporter or contact.
import { get } from './api.js';
import { daysBefore, h, problemBox, svg, table, today } from './dom.js';
import { formatTime, t } from './i18n.js';
import { drawMap, legend } from './map.js';

export async function render(container) {
  const state = { day: '', from: daysBefore(today(), 27), to: today(), occurredFrom: '', occurredTo: '', country: '', area: '', category: '' };
  let removeMap = null;
  let generation = 0; // a later load wins over an earlier one still under way
  const alerts = h('section', { 'aria-labelledby': 'alerts-title' });
  const incidents = h('section', { 'aria-labelledby': 'incidents-title' });
  container.append(h('h1', {}, t('nav.situation')), alerts, incidents);

  async function loadAlerts() {
    alerts.replaceChildren(h('h2', { id: 'alerts-title' }, t('alerts.title')), h('p', { class: 'progress' }, t('loading')));
    let digest = null;
    try {
      digest = await get(state.day ? `digests/${state.day}?format=json` : 'digests/latest?format=json');
    } catch (error) {
      alerts.replaceChildren(h('h2', { id: 'alerts-title' }, t('alerts.title')), error.status === 404 ? h('p', {}, t('alerts.noDigest')) : problemBox(error));
    }

    const dayInput = h('input', { id: 'alerts-day', type: 'date', value: state.day || digest?.day || '' });
    dayInput.addEventListener('change', () => { state.day = dayInput.value; loadAlerts(); });
    if (!digest) {
      alerts.append(h('p', {}, h('label', { for: 'alerts-day' }, t('alerts.day')), ' ', dayInput));
      return;
    }

    alerts.replaceChildren(
      h('h2', { id: 'alerts-title' }, t('alerts.titleFor', { day: digest.day })),
      h('p', {}, h('label', { for: 'alerts-day' }, t('alerts.day')), ' ', dayInput),
      h('p', { class: 'headline' }, digest.headline),
      digest.alerts.length === 0 ? h('p', {}, t('alerts.none')) : h('ul', { class: 'alerts' }, digest.alerts.map(alertCard)));
  }

  async function loadIncidents() {
    const mine = ++generation;
    removeMap?.();
    removeMap = null;
    incidents.replaceChildren(h('h2', { id: 'incidents-title' }, t('incidents.title')), h('p', { class: 'progress' }, t('loading')));
    let page;
    try {
      page = await get(`admin/incidents?from=${state.from}&to=${state.to}`);
      if (mine !== generation) return;
    } catch (error) {
      incidents.replaceChildren(h('h2', { id: 'incidents-title' }, t('incidents.title')), filters(), problemBox(error));
      return;
    }

    const shown = page.items.filter((i) =>
      (!state.country || i.country === state.country) && (!state.area || i.areaCode === state.area) && (!state.category || i.category === state.category)
      && (!state.occurredFrom || i.occurredOn >= state.occurredFrom) && (!state.occurredTo || i.occurredOn <= state.occurredTo));
    const mapElement = h('div', { id: 'map', class: 'map', role: 'region', 'aria-label': t('incidents.map') });
    incidents.replaceChildren(
      h('h2', { id: 'incidents-title' }, t('incidents.title')),
      filters(page.items),
      h('p', { class: 'count' }, t('incidents.count', { count: shown.length })),
      mapElement,
      legend([...new Set(shown.map((i) => i.category))].sort()),
      areaCharts(shown, state.occurredTo || state.to),
      table(t('incidents.table'), [t('occurredOn'), t('category'), t('severity'), t('area'), t('country'), t('casualties')],
        shown.map((i) => h('tr', {},
          h('td', {}, i.occurredOn),
          h('td', {}, t(`category.${i.category}`)),
          h('td', {}, String(i.severity)),
          h('td', {}, i.areaName ? `${i.areaName} (${i.areaCode})` : i.areaCode ?? ''),
          h('td', {}, i.country ?? ''),
          h('td', {}, t('incidents.casualties', { killed: i.killed ?? 0, injured: i.injured ?? 0 }))))));
    const remove = await drawMap(mapElement, shown);
    if (mine === generation) removeMap = remove;
    else remove();
  }

  function filters(items = []) {
    const choice = (id, label, values, key, describe = (v) => v) => {
      const select = h('select', { id }, h('option', { value: '' }, t('all')),
        [...new Set(values)].filter(Boolean).sort().map((v) => h('option', { value: v, selected: v === state[key] }, describe(v))));
      select.addEventListener('change', () => { state[key] = select.value; loadIncidents(); });
      return h('div', { class: 'field' }, h('label', { for: id }, label), select);
    };
    const day = (id, label, key) => {
      const input = h('input', { id, type: 'date', value: state[key] });
      input.addEventListener('change', () => { if (input.value) { state[key] = input.value; loadIncidents(); } });
      return h('div', { class: 'field' }, h('label', { for: id }, label), input);
    };
    // Days of occurrence narrow what the receipt days fetched; empty means any.
    const occurred = (id, label, key) => {
      const input = h('input', { id, type: 'date', value: state[key] });
      input.addEventListener('change', () => { state[key] = input.value; loadIncidents(); });
      return h('div', { class: 'field' }, h('label', { for: id }, label), input);
    };
    return h('form', { class: 'filters', 'aria-label': t('filters') },
      day('filter-from', t('receivedFrom'), 'from'),
      day('filter-to', t('receivedTo'), 'to'),
      occurred('filter-occurred-from', t('occurredFrom'), 'occurredFrom'),
      occurred('filter-occurred-to', t('occurredTo'), 'occurredTo'),
      choice('filter-country', t('country'), items.map((i) => i.country), 'country'),
      choice('filter-area', t('area'), items.filter((i) => !state.country || i.country === state.country).map((i) => i.areaCode), 'area',
        (code) => { const named = items.find((i) => i.areaCode === code && i.areaName); return named ? `${named.areaName} (${code})` : code; }),
      choice('filter-category', t('category'), items.map((i) => i.category), 'category', (c) => t(`category.${c}`)));
  }

  await Promise.all([loadAlerts(), loadIncidents()]);
  return () => removeMap?.();
}

function alertCard(alert) {
  const e = alert.evidence;
  const status = alert.status === 'ongoing'
    ? t('alerts.ongoing', { days: alert.days, since: alert.since ?? '' })
    : t('alerts.new');
  const place = alert.area ? (alert.areaName ? `${alert.areaName} (${alert.area}), ${alert.region}` : `${alert.area}, ${alert.region}`) : alert.region;
  return h('li', { class: `alert ${alert.status}` },
    h('h3', {}, h('span', { class: `badge ${alert.status}` }, status), ' ', place),
    h('p', {}, alert.message),
    e ? h('dl', { class: 'evidence' },
      h('dt', {}, t('evidence.signal')), h('dd', {}, e.signal),
      h('dt', {}, t('evidence.test')), h('dd', {}, e.test),
      h('dt', {}, t('evidence.observed')), h('dd', {}, t('evidence.observedExpected', { observed: e.observed, expected: Math.round(e.expected * 100) / 100 })),
      e.probability !== null && e.probability !== undefined ? [h('dt', {}, t('evidence.probability')), h('dd', {}, e.probability.toPrecision(2))] : null,
      h('dt', {}, t('evidence.window')), h('dd', {}, `${e.windowFrom} – ${e.windowTo}`),
      e.baselineFrom ? [h('dt', {}, t('evidence.baseline')), h('dd', {}, `${e.baselineFrom} – ${e.baselineTo}`)] : null,
      h('dt', {}, t('evidence.sources')), h('dd', {}, t('evidence.reportsSources', { reports: e.reports, sources: e.sources }))) : null,
    e?.last28Days?.length ? spark(e.last28Days) : null,
    h('p', { class: 'rule' }, t('alerts.rule', { rule: alert.rule, kind: alert.kind })));
}

// The incidents shown, by area and day of occurrence over the 28 days to the end of the range:
// one small chart each, the busiest areas first.
const MaxAreaCharts = 12;
function areaCharts(shown, lastDay) {
  const days = Array.from({ length: 28 }, (_, index) => daysBefore(lastDay, 27 - index));
  const byArea = new Map();
  for (const incident of shown) {
    const index = days.indexOf(incident.occurredOn);
    if (index < 0) continue;
    const key = incident.areaCode ?? incident.country ?? '?';
    const area = byArea.get(key) ?? { name: incident.areaName ? `${incident.areaName} (${key})` : key, series: new Array(28).fill(0), total: 0 };
    area.series[index] += 1;
    area.total += 1;
    byArea.set(key, area);
  }

  const areas = [...byArea.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)).slice(0, MaxAreaCharts);
  return h('div', { class: 'area-charts' },
    h('h3', { id: 'area-charts-title' }, t('incidents.byArea', { from: days[0], to: lastDay })),
    areas.length === 0 ? h('p', {}, t('incidents.noneInRange'))
      : h('ul', { class: 'charts', 'aria-labelledby': 'area-charts-title' }, areas.map((area) =>
        h('li', { class: 'area-chart' }, spark(area.series, `${area.name}: ${t('incidents.count', { count: area.total })}`)))));
}

// A 28-day series as bars, with the numbers in its accessible name.
function spark(series, caption = null) {
  const max = Math.max(1, ...series);
  const numbers = `${t('alerts.last28')}: ${series.join(', ')}`;
  const chart = svg('svg', { class: 'spark', viewBox: `0 0 ${series.length * 6} 40`, preserveAspectRatio: 'none', role: 'img', 'aria-label': caption ? `${caption}. ${numbers}` : numbers });
  series.forEach((value, index) => {
    const height = Math.max(1, (value / max) * 38);
    chart.append(svg('rect', { x: index * 6, y: 40 - height, width: 5, height, fill: index === series.length - 1 ? '#c0392b' : '#5d6d7e' }));
  });
  return h('figure', { class: 'spark-figure' }, chart, h('figcaption', {}, caption ?? t('alerts.last28')));
}

