'use strict';
// Learning-app register: the school's user filings with their workflow, the app catalogue, the
// provider filings with status badges and history, what expires within 30 days and what was
// revoked this month, and a banner when the filing data is stale.
let school;
let role;
const ENUMS = {
  kind: ['LEARNING', 'GAME', 'OTHER'],
  category: ['SCHOOL_MGMT', 'TEACHING', 'HOMEWORK', 'SUBJECT_TRAINING_K9', 'NON_SUBJECT_TRAINING',
    'PRESCHOOL_TRAINING', 'HOME_SCHOOL', 'OTHER'],
  origin: ['SELF_SELECTED', 'SELF_DEVELOPED', 'SUPERIOR_REQUIRED'],
  usage: ['RECOMMENDED', 'UNIFORM_REQUIRED'],
};

function isDistrict() { return role === 'district-admin'; }
function administers() { return isDistrict() || (role === 'school-admin' && CG.session.school === school); }

function message(kind, text, items) {
  document.getElementById('register-message').replaceChildren(
    el('div', { class: kind, role: kind === 'error' ? 'alert' : null }, text,
      items && items.length ? el('ul', {}, items.map(i => el('li', {}, i))) : null));
}

function failed(e) {
  message('error', describe(e), (e.details || []).map(d => d.field ? d.field + ': ' + d.message : String(d)));
}

function badge(status) { return el('span', { class: 'badge status-' + status }, t('register.status.' + status)); }
function splitList(text) { return text.split(/[;,，；\s]+/).map(s => s.trim()).filter(s => s); }
function day(instant) { return instant ? new Date(instant).toLocaleString(CG.lang === 'en' ? 'en' : 'zh-CN') : ''; }
function options(select, kind) {
  select.replaceChildren(...ENUMS[kind].map(v => el('option', { value: v }, t('register.' + kind + '.' + v))));
}

async function loadStatus() {
  const s = await api('GET', '/register/status?school=' + encodeURIComponent(school));
  document.getElementById('register-status').textContent =
    t('register.status-line', s.revision, s.lastUpdate ? day(s.lastUpdate) : t('register.never'), s.apps, s.providerFilings, s.userFilings);
  const banner = document.getElementById('register-stale');
  banner.hidden = !s.stale;
  banner.textContent = s.stale ? t('register.stale', s.staleAfterDays, s.lastUpdate ? day(s.lastUpdate) : t('register.never')) : '';
}

// ---- user filings

function evidenceCell(f) {
  const e = f.evidence || {};
  const line = (key, v) => el('div', {}, t('register.evidence.' + key) + ': ', v ? v : el('span', { class: 'badge status-REJECTED' }, t('register.missing')));
  return el('td', { class: 'register-evidence' }, line('consultation', e.consultation), line('minutes', e.decisionMinutes), line('agreement', e.dataAgreement));
}

function workflowButtons(f) {
  const buttons = [];
  const step = (name, needsReason) => el('button', { type: 'button', class: 'secondary', 'data-action': name,
    onclick: () => act(f, name, needsReason) }, t('register.action.' + name));
  if (administers() && f.status === 'DRAFT') buttons.push(step('submit', false));
  if (isDistrict() && f.status === 'SUBMITTED') buttons.push(step('confirm', false), step('reject', true));
  if (administers() && f.status !== 'WITHDRAWN') buttons.push(step('withdraw', false));
  return el('div', { class: 'register-actions' }, buttons);
}

async function act(f, name, needsReason) {
  let body;
  if (name === 'reject' || name === 'withdraw') {
    const reason = prompt(t('register.reason-prompt', f.appName));
    if (reason === null || (needsReason && !reason.trim())) return;
    body = { reason };
  }
  try {
    await api('POST', '/schools/' + encodeURIComponent(school) + '/user-filings/' + encodeURIComponent(f.id) + '/' + name, body);
    message('ok', t('register.done.' + name, f.appName));
    await Promise.all([loadUserFilings(), loadStatus()]);
  } catch (e) { failed(e); }
}

function historyRow(columns, steps, render) {
  return el('tr', { class: 'register-history', hidden: true }, el('td', { colspan: columns },
    el('table', {}, el('tbody', {}, steps.map(render)))));
}

async function loadUserFilings() {
  const filings = await api('GET', '/schools/' + encodeURIComponent(school) + '/user-filings');
  const rows = [];
  for (const f of filings) {
    const history = historyRow(8, f.history, s => el('tr', {}, el('td', {}, 'v' + s.version), el('td', {}, badge(s.status)),
      el('td', {}, day(s.effectiveFrom)), el('td', {}, s.recordedBy), el('td', {}, s.note || '')));
    rows.push(el('tr', { 'data-filing': f.id },
      el('td', {}, f.appName, el('div', { class: 'muted' }, f.filingNumber || t('register.no-filing'))),
      el('td', {}, badge(f.status)),
      el('td', {}, t('register.usage.' + f.usage)),
      evidenceCell(f),
      el('td', {}, f.scope.length ? f.scope.join(', ') : t('register.everyone')),
      el('td', {}, f.windows || t('register.any-time')),
      el('td', {}, (f.validFrom || '…') + ' – ' + (f.validTo || '…')),
      el('td', {}, workflowButtons(f), el('button', { type: 'button', class: 'secondary', 'data-action': 'history',
        onclick: () => { history.hidden = !history.hidden; } }, t('register.history')))));
    rows.push(history);
  }
  document.querySelector('#register-user-filings tbody').replaceChildren(...rows);
}

async function createFiling(ev) {
  ev.preventDefault();
  const v = id => document.getElementById(id).value.trim();
  try {
    await api('POST', '/schools/' + encodeURIComponent(school) + '/user-filings', {
      appId: v('uf-app'), origin: v('uf-origin'), usage: v('uf-usage'), supervisingDept: v('uf-dept'),
      evidence: { consultation: v('uf-consultation'), decisionMinutes: v('uf-minutes'), dataAgreement: v('uf-agreement') },
      scope: splitList(v('uf-scope')), windows: v('uf-windows'), validFrom: v('uf-from'), validTo: v('uf-to'),
      chargesStudents: document.getElementById('uf-charges').checked,
      linkedToGrades: document.getElementById('uf-grades').checked,
    });
    message('ok', t('register.draft-created'));
    await Promise.all([loadUserFilings(), loadStatus()]);
  } catch (e) { failed(e); }
}

// ---- catalogue

async function loadApps() {
  const apps = await api('GET', '/register/apps');
  document.getElementById('uf-app').replaceChildren(...apps.filter(a => a.kind === 'LEARNING')
    .map(a => el('option', { value: a.id }, a.name + ' (' + a.id + ')')));
  document.querySelector('#register-apps tbody').replaceChildren(...apps.map(a => el('tr', { 'data-app': a.id },
    el('td', {}, a.id), el('td', {}, a.name), el('td', {}, t('register.kind.' + a.kind)),
    el('td', {}, a.filingNumber || ''), el('td', {}, t('register.category.' + a.category)),
    el('td', { class: 'register-fingerprints' }, [...a.domains, ...a.sniPatterns, ...a.urlPrefixes, ...a.ipRanges].join(' ')))));
}

async function addApp(ev) {
  ev.preventDefault();
  const v = id => document.getElementById(id).value.trim();
  try {
    await api('POST', '/register/apps', { id: v('app-id'), name: v('app-name'), kind: v('app-kind'),
      filingNumber: v('app-filing'), category: v('app-category'), domains: splitList(v('app-domains')) });
    message('ok', t('register.app-added', v('app-id')));
    await Promise.all([loadApps(), loadProviders(), loadStatus()]);
  } catch (e) { failed(e); }
}

// ---- provider filings

async function loadProviders() {
  const filings = await api('GET', '/register/provider-filings');
  const rows = [];
  for (const p of filings) {
    const history = el('tr', { class: 'register-history', hidden: true }, el('td', { colspan: 7 }));
    const toggle = async () => {
      if (history.hidden) {
        try {
          const h = await api('GET', '/register/provider-filings/' + encodeURIComponent(p.filingNumber));
          history.firstChild.replaceChildren(el('table', {}, el('tbody', {}, h.history.map(v => el('tr', {},
            el('td', {}, 'v' + v.version), el('td', {}, badge(v.status)), el('td', {}, day(v.effectiveFrom)),
            el('td', {}, v.statusReason || ''), el('td', {}, v.recordedBy))))));
        } catch (e) { failed(e); return; }
      }
      history.hidden = !history.hidden;
    };
    const actions = [el('button', { type: 'button', class: 'secondary', 'data-action': 'history', onclick: toggle }, t('register.history'))];
    if (isDistrict()) {
      const select = el('select', { 'aria-label': t('register.status') },
        ['ACTIVE', 'OFFLINE_PENDING', 'REVOKED', 'CANCELLED', 'BLACKLISTED'].filter(s => s !== p.status)
          .map(s => el('option', { value: s }, t('register.status.' + s))));
      actions.push(select, el('button', { type: 'button', class: 'secondary', onclick: () => changeStatus(p, select.value) }, t('register.change-status')));
    }
    rows.push(el('tr', { 'data-provider': p.filingNumber },
      el('td', {}, p.filingNumber), el('td', {}, p.appName || ''), el('td', {}, p.providerName || ''),
      el('td', {}, badge(p.status), p.statusReason ? el('div', { class: 'muted' }, p.statusReason) : null),
      el('td', {}, day(p.effectiveFrom)), el('td', {}, p.apps.join(', ')),
      el('td', {}, el('div', { class: 'register-actions' }, actions))));
    rows.push(history);
  }
  document.querySelector('#register-providers tbody').replaceChildren(...rows);
}

async function changeStatus(p, status) {
  const reason = status === 'ACTIVE' ? '' : prompt(t('register.reason-prompt', p.appName || p.filingNumber));
  if (reason === null || (status !== 'ACTIVE' && !reason.trim())) return;
  try {
    await api('POST', '/register/provider-filings/' + encodeURIComponent(p.filingNumber) + '/status', { status, reason });
    message('ok', t('register.status-changed', p.filingNumber, t('register.status.' + status)));
    await Promise.all([loadProviders(), loadExpiring(), loadRevoked(), loadStatus()]);
  } catch (e) { failed(e); }
}

async function addProvider(ev) {
  ev.preventDefault();
  const v = id => document.getElementById(id).value.trim();
  try {
    await api('POST', '/register/provider-filings', { filingNumber: v('pf-number'), appName: v('pf-app'),
      providerName: v('pf-provider'), icpNumber: v('pf-icp'), mlpsNumber: v('pf-mlps'), category: v('pf-category'), status: 'ACTIVE' });
    message('ok', t('register.provider-added', v('pf-number')));
    await Promise.all([loadProviders(), loadStatus()]);
  } catch (e) { failed(e); }
}

// ---- lists

async function loadExpiring() {
  const x = await api('GET', '/register/expiring?days=30');
  document.querySelector('#register-expiring tbody').replaceChildren(...(x.userFilings.length ? x.userFilings.map(f => el('tr', {},
    el('td', {}, f.schoolId), el('td', {}, f.appName), el('td', {}, badge(f.status)), el('td', {}, f.validTo)))
    : [el('tr', {}, el('td', { colspan: 4, class: 'muted' }, t('register.none-expiring')))]));
  document.querySelector('#register-suspended tbody').replaceChildren(...(x.suspended.length ? x.suspended.map(p => el('tr', {},
    el('td', {}, p.filingNumber), el('td', {}, p.appName || ''), el('td', {}, badge(p.status)), el('td', {}, p.statusReason || '')))
    : [el('tr', {}, el('td', { colspan: 4, class: 'muted' }, t('register.none-suspended')))]));
}

async function loadRevoked() {
  const month = document.getElementById('register-month').value;
  const list = await api('GET', '/register/revoked' + (month ? '?month=' + encodeURIComponent(month) : ''));
  document.querySelector('#register-revoked tbody').replaceChildren(...(list.length ? list.map(r => el('tr', {},
    el('td', {}, r.filingNumber), el('td', {}, r.appName || ''), el('td', {}, badge(r.status)), el('td', {}, day(r.effectiveFrom)),
    el('td', {}, r.reason || ''),
    el('td', {}, r.affected.length ? r.affected.map(a => a.schoolId + ' (' + t('register.status.' + a.status) + ')').join(', ') : t('common.none'))))
    : [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, t('register.none-revoked')))]));
}

// ---- import / export

/** Sends a chosen file as the raw body (the server checks it whole before changing anything). */
async function upload(path, file) {
  const headers = { 'Accept': 'application/json', 'Content-Type': 'application/octet-stream' };
  if (CG.session && CG.session.csrfToken) headers['X-CSRF-Token'] = CG.session.csrfToken;
  let response;
  try {
    response = await fetch('/api/v1' + path + (path.includes('?') ? '&' : '?') + 'file=' + encodeURIComponent(file.name),
      { method: 'POST', headers, credentials: 'same-origin', body: file });
  } catch (e) {
    throw new ApiFailure(0, { error: 'network', message: t('error.network') });
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : { message: await response.text() };
  if (response.status === 422 && data.error === 'invalid-file') return data; // the report, row by row
  if (!response.ok) throw new ApiFailure(response.status, data);
  return data;
}

function chosen(id) {
  const file = document.getElementById(id).files[0];
  if (!file) message('error', t('register.files.choose'));
  return file;
}

function showReport(r) {
  const counts = r.imported ? ['apps', 'providerFilings', 'userFilings'].map(k =>
    t('register.files.count.' + k, r.imported[k].inFile, r.imported[k].added, r.imported[k].updated, r.imported[k].unchanged)).join('; ') : '';
  document.getElementById('import-summary').textContent = !r.ok
    ? t('register.files.rejected', r.rejectedRows, r.errorCount)
    : r.imported ? t('register.files.imported', r.imported.revision) + ' ' + counts
      : t('register.files.checked', r.acceptedRows);
  const problems = list => list.map(p => (p.column ? p.column + ': ' : '') + p.message).join('; ');
  const fileRows = (r.fileErrors || []).map(e => el('tr', {}, el('td', {}, e.source), el('td', {}, ''), el('td', {}, ''),
    el('td', {}, badge('REJECTED')), el('td', {}, problems([e]))));
  document.querySelector('#import-rows tbody').replaceChildren(...fileRows, ...r.rows.map(row => el('tr', {},
    el('td', {}, row.sheet), el('td', {}, String(row.row)), el('td', {}, row.key || ''),
    el('td', {}, el('span', { class: 'badge status-' + (row.accepted ? 'CONFIRMED' : 'REJECTED') },
      t(row.accepted ? 'register.files.accepted' : 'register.files.rejected-row'))),
    el('td', {}, problems(row.errors)))));
}

async function importFile(check) {
  const file = chosen('import-file');
  if (!file) return;
  try {
    const r = await upload('/register/import' + (check ? '?check=true' : ''), file);
    showReport(r);
    if (r.ok && !check) {
      message('ok', t('register.files.imported', r.imported.revision));
      await Promise.all([loadStatus(), loadApps(), loadUserFilings(), loadProviders(), loadExpiring(), loadRevoked()]);
    }
  } catch (e) { failed(e); }
}

async function applyRevocations() {
  const file = chosen('revocation-file');
  if (!file) return;
  try {
    const r = await upload('/register/revocations', file);
    document.getElementById('revocation-summary').textContent = r.ok
      ? t('register.files.revocations-applied', r.applied.revision)
      : t('register.files.revocations-rejected', r.errorCount) + ' ' + r.errors.map(e => e.row + (e.column ? ' ' + e.column : '') + ': ' + e.message).join('; ');
    document.querySelector('#revocation-affected tbody').replaceChildren(...(r.affected || []).map(a => el('tr', {},
      el('td', {}, a.filingNumber), el('td', {}, badge(a.status)), el('td', {}, a.appIds.join(', ')),
      el('td', {}, a.schools.length ? a.schools.join(', ') : t('common.none')))));
    if (r.ok) await Promise.all([loadStatus(), loadProviders(), loadRevoked()]);
  } catch (e) { failed(e); }
}

function exportLinks() {
  const history = document.getElementById('export-history').checked;
  document.querySelectorAll('#tab-files a[download]').forEach(a => {
    const base = a.getAttribute('href').replace(/[?&]history=true/, '');
    a.setAttribute('href', history ? base + (base.includes('?') ? '&' : '?') + 'history=true' : base);
  });
}

function showTab(name) {
  document.querySelectorAll('.register-tab').forEach(s => { s.hidden = s.id !== 'tab-' + name; });
  document.querySelectorAll('.register-tabs button').forEach(b => b.classList.toggle('current', b.dataset.tab === name));
}

document.addEventListener('DOMContentLoaded', async () => {
  const session = await startPage('register');
  if (!session) return;
  role = session.role;
  school = currentSchool();
  document.getElementById('register-school').textContent = school || '';
  options(document.getElementById('app-kind'), 'kind');
  options(document.getElementById('app-category'), 'category');
  options(document.getElementById('pf-category'), 'category');
  options(document.getElementById('uf-origin'), 'origin');
  options(document.getElementById('uf-usage'), 'usage');
  document.getElementById('register-new-filing-card').hidden = !administers();
  document.getElementById('register-new-app-card').hidden = !isDistrict();
  document.getElementById('register-new-provider-card').hidden = !isDistrict();
  document.getElementById('register-new-filing').addEventListener('submit', createFiling);
  document.getElementById('register-new-app').addEventListener('submit', addApp);
  document.getElementById('register-new-provider').addEventListener('submit', addProvider);
  document.getElementById('register-month').addEventListener('change', () => loadRevoked().catch(failed));
  document.getElementById('register-import-card').hidden = !isDistrict();
  document.getElementById('import-check').addEventListener('click', () => importFile(true));
  document.getElementById('import-run').addEventListener('click', () => importFile(false));
  document.getElementById('revocation-run').addEventListener('click', applyRevocations);
  document.getElementById('export-history').addEventListener('change', exportLinks);
  document.querySelectorAll('.register-tabs button').forEach(b => b.addEventListener('click', () => showTab(b.dataset.tab)));
  showTab('user-filings');
  try {
    await Promise.all([loadStatus(), loadApps(), loadUserFilings(), loadProviders(), loadExpiring(), loadRevoked()]);
  } catch (e) { failed(e); }
});
