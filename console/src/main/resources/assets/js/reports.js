'use strict';
// The inspector's Reports page: pick a month, a school (or all) and a language, make the report
// (a job the console runs in the background; this page polls it), then read it here: the made
// report.html's <article> is imported as it is and its charts drawn by /report/report.js, the
// same script the stand-alone file and the PDF use. Links to the PDF and the CSV tables.
const REPORTS = { pollMs: 1000, maxPolls: 900 };

function reportBase(name, lang) {
  return '/api/v1/reports/' + encodeURIComponent(name) + '/' + encodeURIComponent(lang) + '/';
}

function lastMonth() {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0');
}

function reportStatus(text, kind) {
  const box = document.getElementById('reports-status');
  box.replaceChildren(text ? el('div', { class: kind || 'muted' }, text) : '');
}

function schoolName(id) {
  if (!id) return t('reports.school.all');
  const known = REPORTS.schools.find(s => s.id === id);
  return known ? known.name : id;
}

async function loadList() {
  const data = await api('GET', '/reports');
  REPORTS.schools = data.schools;
  const select = document.getElementById('reports-school');
  if (select.options.length === 1) {
    data.schools.forEach(s => select.appendChild(el('option', { value: s.id }, s.name + ' (' + s.id + ')')));
    if (CG.session.role === 'school-admin') {
      select.value = CG.session.school || '';
      select.options[0].disabled = true;
    }
  }
  const body = document.querySelector('#reports-list tbody');
  body.replaceChildren(...data.reports.map(r => {
    const base = reportBase(r.name, r.lang);
    return el('tr', { 'data-report': r.name + '/' + r.lang },
      el('td', {}, r.month), el('td', {}, schoolName(r.school)), el('td', {}, t('reports.lang.' + r.lang)),
      el('td', {}, new Date(r.generatedAt).toLocaleString(CG.lang === 'en' ? 'en' : 'zh-CN')),
      el('td', {}, r.inspector),
      el('td', {},
        el('a', { href: '#', class: 'reports-view', onclick: e => { e.preventDefault(); showReport(r); } }, t('reports.view')),
        r.pdf ? el('a', { href: base + 'report.pdf', download: true }, t('reports.pdf')) : null,
        el('a', { href: base + 'tables.zip', download: true }, t('reports.csv'))));
  }));
  document.getElementById('reports-none').hidden = data.reports.length > 0;
  return data;
}

/** Shows a made report in the page: its article, charts drawn, with its download links. */
async function showReport(made) {
  const base = reportBase(made.name, made.lang);
  const response = await fetch(base + 'report.html', { credentials: 'same-origin' });
  if (!response.ok) {
    reportStatus(t('reports.load-failed', response.status), 'error');
    return;
  }
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  const article = doc.querySelector('article.report');
  const viewer = document.getElementById('reports-viewer');
  const container = document.getElementById('reports-container');
  container.replaceChildren(document.importNode(article, true));
  document.getElementById('reports-viewer-title').textContent = made.month + ' · ' + schoolName(made.school);
  const pdf = document.getElementById('reports-pdf');
  pdf.hidden = !made.pdf;
  pdf.href = base + 'report.pdf';
  document.getElementById('reports-csv').href = base + 'tables.zip';
  document.getElementById('reports-open').href = base + 'report.html';
  const note = document.getElementById('reports-pdf-note');
  note.hidden = made.pdf;
  note.textContent = made.pdf ? '' : t('reports.no-pdf', made.pdfProblem || '');
  viewer.hidden = false; // visible before drawing: ECharts sizes charts by their boxes
  CampusGateReport.draw(container);
  viewer.scrollIntoView();
}

async function follow(job) {
  for (let i = 0; i < REPORTS.maxPolls; i++) {
    if (job.state === 'DONE') {
      reportStatus(t('reports.done'), 'ok');
      const data = await loadList();
      const made = data.reports.find(r => r.name === job.name && r.lang === job.lang);
      if (made) await showReport(made);
      return;
    }
    if (job.state === 'FAILED') {
      reportStatus(t('reports.failed', job.message || ''), 'error');
      return;
    }
    reportStatus(t(job.state === 'QUEUED' ? 'reports.queued' : 'reports.running'));
    await new Promise(resolve => setTimeout(resolve, REPORTS.pollMs));
    job = await api('GET', '/reports/jobs/' + encodeURIComponent(job.id));
  }
  reportStatus(t('reports.still-running'));
}

async function makeReport(e) {
  e.preventDefault();
  const button = document.getElementById('reports-make');
  button.disabled = true;
  try {
    const job = await api('POST', '/reports', {
      month: document.getElementById('reports-month').value.trim(),
      school: document.getElementById('reports-school').value || null,
      lang: document.getElementById('reports-lang').value,
    });
    await follow(job);
  } catch (failure) {
    showError('reports-status', failure);
  } finally {
    button.disabled = false;
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  const session = await startPage('reports');
  if (!session) return;
  REPORTS.schools = [];
  document.getElementById('reports-month').value = lastMonth();
  document.getElementById('reports-lang').value = CG.lang === 'en' ? 'en' : 'zh';
  document.getElementById('reports-form').addEventListener('submit', makeReport);
  try {
    await loadList();
  } catch (failure) {
    showError('reports-status', failure);
  }
});
