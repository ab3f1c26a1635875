'use strict';
// The dashboard: summary tiles, requests and blocks over time, the most blocked categories and
// sites, for the last 24 hours, 7 or 30 days. Charts by the console's own copy of Apache ECharts
// (canvas renderer, tooltips drawn in the canvas: nothing that needs inline styles under the CSP).
const DASH = {
  school: null,
  range: '7d',
  charts: {},
  spans: { '24h': 24 * 3600e3, '7d': 7 * 24 * 3600e3, '30d': 30 * 24 * 3600e3 },
  colors: { requests: '#1f3a5f', blocked: '#c53030', bars: '#c53030' },
};

function dashLocale() {
  return CG.lang === 'en' ? 'en' : 'zh-CN';
}

function dashNumber(n) {
  return new Intl.NumberFormat(dashLocale()).format(n);
}

function dashPercent(rate) {
  return new Intl.NumberFormat(dashLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** A bucket start as the school reads it: in the school's zone, hour or day precision. */
function dashTime(iso, zone, bucket) {
  const opts = bucket === 'hour'
    ? { timeZone: zone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }
    : { timeZone: zone, month: '2-digit', day: '2-digit', weekday: 'short' };
  return new Intl.DateTimeFormat(dashLocale(), opts).format(new Date(iso));
}

function dashChart(id) {
  if (!DASH.charts[id]) DASH.charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
  return DASH.charts[id];
}

/** An option's title shown in the middle of an empty chart. */
function dashEmpty(text) {
  return { text, left: 'center', top: 'middle', textStyle: { color: '#7b8794', fontSize: 14, fontWeight: 'normal' } };
}

function dashTile(id, value) {
  document.querySelector('#' + id + ' .tile-value').textContent = value;
}

function renderTiles(d) {
  dashTile('tile-requests', dashNumber(d.totals.requests));
  dashTile('tile-blocked', dashNumber(d.totals.blocked));
  dashTile('tile-block-rate', dashPercent(d.totals.blockRate));
  dashTile('tile-active-users', dashNumber(d.totals.activeUsers));
}

function renderTraffic(d) {
  const labels = d.series.map(p => dashTime(p.start, d.zone, d.bucket));
  dashChart('chart-traffic').setOption({
    animation: false, // figures, not a show: what is drawn is what the data says, at once
    title: d.totals.requests === 0 ? dashEmpty(t('dashboard.empty')) : { show: false },
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    legend: { data: [t('dashboard.series.requests'), t('dashboard.series.blocked')], top: 0 },
    grid: { left: 16, right: 32, top: 36, bottom: 16, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: labels },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('dashboard.series.requests'), type: 'line', showSymbol: false,
        itemStyle: { color: DASH.colors.requests }, areaStyle: { opacity: 0.08 },
        data: d.series.map(p => p.requests) },
      { name: t('dashboard.series.blocked'), type: 'line', showSymbol: false,
        itemStyle: { color: DASH.colors.blocked }, areaStyle: { opacity: 0.12 },
        data: d.series.map(p => p.blocked) },
    ],
  }, true);
}

/** A horizontal bar chart of a top list, largest on top. */
function renderTop(id, rows, nameOf) {
  const names = rows.map(r => nameOf(r.name)).reverse();
  dashChart(id).setOption({
    animation: false,
    title: rows.length === 0 ? dashEmpty(t('dashboard.empty-blocked')) : { show: false },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText' },
    grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, show: rows.length > 0 },
    yAxis: { type: 'category', data: names, axisLabel: { width: 180, overflow: 'truncate' } },
    series: [{ name: t('dashboard.series.blocked'), type: 'bar', barMaxWidth: 22,
      itemStyle: { color: DASH.colors.bars }, label: { show: true, position: 'right' },
      data: rows.map(r => r.blocked).reverse() }],
  }, true);
}

function renderRangeText(d) {
  const when = iso => new Date(iso).toLocaleString(dashLocale(), { timeZone: d.zone, hour12: false });
  document.getElementById('dashboard-range-text').textContent =
    t('dashboard.range-text', when(d.from), when(d.to), d.zone, t('dashboard.bucket.' + d.bucket));
}

function selectRange(range) {
  DASH.range = range;
  document.querySelectorAll('#dashboard-range button').forEach(b =>
    b.setAttribute('aria-pressed', String(b.dataset.range === range)));
  const url = new URL(location.href);
  url.searchParams.set('range', range);
  history.replaceState(null, '', url);
}

async function loadDashboard() {
  const to = new Date();
  const from = new Date(to.getTime() - DASH.spans[DASH.range]);
  const box = document.getElementById('dashboard-message');
  try {
    const d = await api('GET', '/schools/' + encodeURIComponent(DASH.school) + '/dashboard?from='
      + encodeURIComponent(from.toISOString()) + '&to=' + encodeURIComponent(to.toISOString()));
    box.replaceChildren();
    renderTiles(d);
    renderTraffic(d);
    renderTop('chart-categories', d.topCategories, n => n === null ? t('dashboard.uncategorised') : n);
    renderTop('chart-hosts', d.topHosts, n => n === null ? '?' : n);
    renderRangeText(d);
  } catch (failure) {
    if (failure.code === 'bad-range' || failure.code === 'audit-unavailable') {
      box.replaceChildren(el('div', { class: 'error', role: 'alert' }, t('dashboard.error.' + failure.code, failure.message)));
    } else {
      showError(box, failure);
    }
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  const session = await startPage('dashboard');
  if (!session) return;
  if (session.role === 'responder') { // no dashboard for this role: its page is the audit search
    location.href = '/audit.html';
    return;
  }
  DASH.school = currentSchool();
  document.getElementById('dashboard-school').textContent = t('dashboard.school', DASH.school);
  const asked = new URLSearchParams(location.search).get('range');
  selectRange(Object.prototype.hasOwnProperty.call(DASH.spans, asked) ? asked : '7d');
  document.querySelectorAll('#dashboard-range button').forEach(b => b.addEventListener('click', () => {
    selectRange(b.dataset.range);
    loadDashboard();
  }));
  window.addEventListener('resize', () => Object.values(DASH.charts).forEach(c => c.resize()));
  await loadDashboard();
});
