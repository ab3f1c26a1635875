'use strict';
// Draws a monthly report's charts from its <script type="application/json" class="report-data">
// block with the console's copy of ECharts: SVG, no animation, so what the printer (headless
// Chromium, --print-to-pdf) captures at the load event is the finished chart. Used by the
// stand-alone report.html (file:// or served) and by the console's Reports page, which imports
// the report's <article> and calls CampusGateReport.draw(article).
const CampusGateReport = (() => {
  function empty(text) {
    return { text, left: 'center', top: 'middle', textStyle: { color: '#7b8794', fontSize: 13, fontWeight: 'normal' } };
  }

  function hasData(c) {
    return c.labels.length > 0 && c.series.some(s => s.values.some(v => v > 0));
  }

  function lineOption(c) {
    return {
      animation: false,
      title: hasData(c) ? { show: false } : empty(c.empty),
      legend: { top: 0, data: c.series.map(s => s.name) },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', boundaryGap: false, data: c.labels.map(l => l.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: c.series.map(s => ({ name: s.name, type: 'line', showSymbol: false,
        itemStyle: { color: s.color }, lineStyle: { color: s.color }, data: s.values })),
    };
  }

  function barOption(c) {
    const s = c.series[0] || { name: '', color: '#1f3a5f', values: [] };
    return {
      animation: false,
      title: hasData(c) ? { show: false } : empty(c.empty),
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: c.labels.slice().reverse(),
        axisLabel: { width: 220, overflow: 'truncate' } },
      series: [{ name: s.name, type: 'bar', barMaxWidth: 18, itemStyle: { color: s.color },
        label: { show: true, position: 'right' }, data: s.values.slice().reverse() }],
    };
  }

  /** Draws every chart under root; answers the ECharts instances. */
  function draw(root) {
    const block = root.querySelector('script.report-data');
    if (!block || typeof echarts === 'undefined') return [];
    const data = JSON.parse(block.textContent);
    const drawn = [];
    for (const c of data.charts) {
      const box = root.querySelector('.report-chart[data-chart="' + c.id + '"]');
      if (!box) continue;
      const chart = echarts.getInstanceByDom(box) || echarts.init(box, null, { renderer: 'svg' });
      chart.setOption(c.kind === 'LINE' ? lineOption(c) : barOption(c), true);
      box.dataset.drawn = 'true';
      drawn.push(chart);
    }
    return drawn;
  }

  if (document.body && document.body.classList.contains('report-standalone')) {
    draw(document); // deferred: the page is parsed, the load event (and the printer) waits for this
  }
  return { draw };
})();
