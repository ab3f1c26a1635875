'use strict';
// Audit search: filters → events paged by cursor, a user's timeline, who held an address at a
// moment, aggregates, the CSV export and the integrity of the days shown. The trace tab: from a
// user, an IP and a time, a domain or a URL to the person, their timeline and apps, and the
// export of chosen events as an evidence bundle that verifies offline. Responders (and
// inspectors looking at persons) give a case reference and a reason; the server checks and logs.
const AUDIT = { role: null, params: null, cursors: [null], page: 0, next: null };

/** A failure as the audit page explains it: its own texts first, then the shared ones. */
function explain(failure) {
  const key = 'audit.error.' + failure.code;
  return Object.prototype.hasOwnProperty.call(CG.texts, key) ? t(key, failure.message) : describe(failure);
}

function fail(where, failure) {
  document.getElementById(where).replaceChildren(el('div', { class: 'error', role: 'alert' }, explain(failure)));
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString(CG.lang === 'en' ? 'en' : 'zh-CN') : '';
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, v);
  return q.toString();
}

/** The form's filters and justification, trimmed; empty fields left out. */
function formParams() {
  const out = {};
  for (const field of document.querySelectorAll('#audit-form [name], #audit-justification [name]')) {
    const v = field.value.trim();
    if (v !== '') out[field.name] = v;
  }
  return out;
}

/** The case and reason alone, for who-had and timelines. */
function justification() {
  return { case: document.getElementById('audit-case').value.trim(),
    reason: document.getElementById('audit-reason').value.trim() };
}

function needsJustification() {
  return AUDIT.role === 'responder';
}

/** Checks in the page what the server will check too: a responder's case and reason. */
function checkJustification(where) {
  const j = justification();
  if (needsJustification() && (!j.case || !j.reason)) {
    document.getElementById(where).replaceChildren(
      el('div', { class: 'error', role: 'alert', id: 'audit-case-missing' }, t('audit.error.case-required', '')));
    (j.case ? document.getElementById('audit-reason') : document.getElementById('audit-case')).focus();
    return false;
  }
  return true;
}

function actionBadge(action) {
  const cls = action === 'ALLOW' ? 'badge allow' : action === 'BLOCK' ? 'badge block' : 'badge';
  return el('span', { class: cls }, t('audit.action.' + action));
}

function userLink(user) {
  if (!user) return el('span', { class: 'muted' }, '—');
  return el('a', { href: '#', class: 'user', 'data-user': user, onclick: e => { e.preventDefault(); showTimeline(user); } }, user);
}

function eventRow(e) {
  return el('tr', { 'data-event-id': e.eventId },
    el('td', { title: e.timestamp }, when(e.timestamp)),
    el('td', {}, userLink(e.userId)),
    el('td', {}, e.clientIp || ''),
    el('td', {}, actionBadge(e.action)),
    el('td', {}, e.reason),
    el('td', {}, e.category || ''),
    el('td', {}, e.host || e.sni || ''),
    el('td', { class: 'url' }, e.url || ''),
    el('td', { class: 'num' }, e.httpStatus ? String(e.httpStatus) : ''),
    el('td', {}, e.schoolId));
}

async function search(cursor) {
  document.getElementById('audit-message').replaceChildren();
  if (!checkJustification('audit-message')) return;
  const params = Object.assign({}, AUDIT.params, cursor ? { cursor } : {});
  const button = document.getElementById('audit-search');
  button.disabled = true;
  try {
    const page = await api('GET', '/audit/events?' + query(params));
    showList();
    document.querySelector('#audit-results tbody').replaceChildren(...page.events.map(eventRow));
    document.getElementById('audit-total').textContent = page.total === 0 ? t('audit.none')
      : t('audit.total', page.total, AUDIT.page * Number(params.limit || 100) + 1,
        AUDIT.page * Number(params.limit || 100) + page.events.length);
    document.getElementById('audit-total').dataset.total = String(page.total);
    AUDIT.next = page.next;
    document.getElementById('audit-next').disabled = !page.next;
    document.getElementById('audit-prev').disabled = AUDIT.page === 0;
    const csv = document.getElementById('audit-csv');
    csv.href = '/api/v1/audit/events.csv?' + query(Object.assign({}, AUDIT.params, { limit: null }));
    csv.hidden = page.total === 0;
    if (!cursor) loadIntegrity(page.from, page.to);
  } catch (failure) {
    fail('audit-message', failure);
  } finally {
    button.disabled = false;
  }
}

function newSearch(e) {
  if (e) e.preventDefault();
  AUDIT.params = formParams();
  AUDIT.cursors = [null];
  AUDIT.page = 0;
  search(null);
}

function nextPage() {
  if (!AUDIT.next) return;
  AUDIT.cursors.push(AUDIT.next);
  AUDIT.page++;
  search(AUDIT.next);
}

function previousPage() {
  if (AUDIT.page === 0) return;
  AUDIT.cursors.pop();
  AUDIT.page--;
  search(AUDIT.cursors[AUDIT.page]);
}

/** Integrity badges for the days shown (the last 31 of them at most: verify rehashes). */
async function loadIntegrity(from, to) {
  const box = document.getElementById('audit-integrity');
  const maxFrom = new Date(new Date(to).getTime() - 31 * 86400000).toISOString();
  try {
    const report = await api('GET', '/audit/integrity?' + query({ from: from < maxFrom ? maxFrom : from, to }));
    box.replaceChildren(el('span', { class: 'muted' }, t('audit.integrity') + ' '),
      ...report.days.map(d => el('span', {
        class: 'badge ' + (d.intact ? 'allow' : 'block'), 'data-day': d.day,
        title: d.intact ? t('audit.integrity.checked', d.recordsChecked, d.checkpointsChecked) : d.problems.join('\n'),
      }, d.day + ' ' + (d.intact ? t('audit.integrity.ok') : t('audit.integrity.problems', d.problemCount)))));
  } catch (failure) {
    box.replaceChildren(el('span', { class: 'badge', title: explain(failure) }, t('audit.integrity.unknown')));
  }
}

function showList() {
  document.getElementById('audit-list').hidden = false;
  document.getElementById('audit-timeline').hidden = true;
}

async function showTimeline(user) {
  document.getElementById('audit-message').replaceChildren();
  if (!checkJustification('audit-message')) return;
  const p = AUDIT.params || {};
  try {
    const view = await api('GET', '/audit/timeline?' + query(Object.assign(
      { user, from: p.from, to: p.to, school: p.school }, justification())));
    document.getElementById('audit-timeline-title').textContent = t('audit.timeline-of', user);
    document.getElementById('audit-timeline-note').textContent =
      t('audit.timeline.range', when(view.from), when(view.to)) + (view.truncated ? ' ' + t('audit.timeline.truncated') : '');
    document.querySelector('#audit-timeline-items tbody').replaceChildren(...view.items.map(item => {
      if (item.type === 'identity') {
        const i = item.identity;
        return el('tr', { class: 'identity', 'data-event-id': i.eventId },
          el('td', { title: i.timestamp }, when(i.timestamp)),
          el('td', {}, t('audit.identity.' + i.kind)),
          el('td', {}, i.address), el('td', {}, i.authMethod || ''), el('td', {}, ''), el('td', {}, ''));
      }
      const e = item.access;
      return el('tr', { 'data-event-id': e.eventId },
        el('td', { title: e.timestamp }, when(e.timestamp)),
        el('td', {}, t('audit.kind.access')),
        el('td', {}, e.clientIp || ''), el('td', {}, actionBadge(e.action)),
        el('td', {}, e.host || ''), el('td', { class: 'url' }, e.url || ''));
    }));
    document.getElementById('audit-list').hidden = true;
    document.getElementById('audit-timeline').hidden = false;
  } catch (failure) {
    fail('audit-message', failure);
  }
}

async function whoHad(e) {
  e.preventDefault();
  const out = document.getElementById('audit-whohad-result');
  out.replaceChildren();
  if (!checkJustification('audit-whohad-result')) return;
  try {
    const answer = await api('GET', '/audit/who-had?' + query(Object.assign({
      ip: document.getElementById('audit-whohad-ip').value.trim(),
      at: document.getElementById('audit-whohad-at').value.trim(),
    }, justification())));
    if (!answer.holder) {
      out.replaceChildren(el('p', { id: 'audit-whohad-nobody' }, t('audit.whohad.nobody', answer.ip, when(answer.at))));
      return;
    }
    const h = answer.holder;
    out.replaceChildren(el('p', { id: 'audit-whohad-holder', 'data-user': h.userId },
      t('audit.whohad.result', answer.ip, when(answer.at)), ' ', userLink(h.userId),
      ' ', el('span', { class: 'muted' }, t('audit.whohad.since', when(h.since), t('audit.identity.' + h.how), h.address))));
  } catch (failure) {
    fail('audit-whohad-result', failure);
  }
}

async function aggregate(e) {
  e.preventDefault();
  const by = document.getElementById('audit-by').value;
  const p = Object.assign(formParams(), { by, limit: null });
  const table = document.getElementById('audit-aggregate-rows');
  try {
    const result = await api('GET', '/audit/aggregates?' + query(p));
    table.querySelector('tbody').replaceChildren(...result.rows.map(r => el('tr', {},
      el('td', {}, r.bucket ? when(r.bucket) : (Object.values(r.keys).join(' · ') || '—')),
      el('td', { class: 'num' }, String(r.count)),
      el('td', { class: 'num' }, String(r.bytesUp + r.bytesDown)))));
    table.hidden = false;
    document.getElementById('audit-message').replaceChildren();
  } catch (failure) {
    table.hidden = true;
    fail('audit-message', failure);
  }
}

// ---- tabs and the incident trace

function showTab(name) {
  document.getElementById('audit-search-panel').hidden = name !== 'search';
  document.getElementById('audit-trace-panel').hidden = name !== 'trace';
  for (const tab of ['search', 'trace']) {
    const b = document.getElementById('audit-tab-' + tab);
    b.className = tab === name ? 'current' : 'secondary';
    b.setAttribute('aria-selected', String(tab === name));
  }
}

function traceKindChanged() {
  document.getElementById('audit-trace-at-box').hidden = document.getElementById('audit-trace-kind').value !== 'ip';
}

/** Runs a trace from the form's start; {@code pick} chooses among a domain's or URL's users. */
async function runTrace(e, pick) {
  if (e) e.preventDefault();
  const message = document.getElementById('audit-trace-message');
  message.replaceChildren();
  if (!checkJustification('audit-trace-message')) return;
  const kind = document.getElementById('audit-trace-kind').value;
  const params = Object.assign({
    [kind]: document.getElementById('audit-trace-value').value.trim(),
    at: kind === 'ip' ? document.getElementById('audit-trace-at').value.trim() : '',
    from: document.getElementById('audit-trace-from').value.trim(),
    to: document.getElementById('audit-trace-to').value.trim(),
    pick: pick || '',
  }, justification());
  const button = document.getElementById('audit-trace-go');
  button.disabled = true;
  try {
    showTrace(await api('GET', '/audit/trace?' + query(params)));
  } catch (failure) {
    document.getElementById('audit-trace-result').hidden = true;
    fail('audit-trace-message', failure);
  } finally {
    button.disabled = false;
  }
}

function showTrace(view) {
  document.getElementById('audit-trace-result').hidden = false;
  const holder = document.getElementById('audit-trace-holder');
  holder.replaceChildren();
  if (view.start.kind === 'ip') {
    const h = view.holder;
    holder.replaceChildren(h
      ? el('span', { 'data-user': h.userId }, t('audit.whohad.result', view.start.ip, when(view.start.at)), ' ',
        el('strong', {}, h.userId), ' ', el('span', { class: 'muted' }, t('audit.whohad.since', when(h.since), t('audit.identity.' + h.how), h.address)))
      : el('span', { id: 'audit-trace-nobody' }, t('audit.whohad.nobody', view.start.ip, when(view.start.at))));
  }
  const candidates = document.getElementById('audit-trace-candidates');
  candidates.hidden = !view.candidates;
  if (view.candidates) {
    document.getElementById('audit-trace-candidates-note').textContent =
      (view.candidates.users.length === 0 ? t('audit.trace.no-candidates') : t('audit.trace.candidates.help'))
      + (view.candidates.truncated ? ' ' + t('audit.trace.candidates.truncated') : '');
    document.querySelector('#audit-trace-candidate-rows tbody').replaceChildren(...view.candidates.users.map(c =>
      el('tr', { 'data-user': c.user, class: c.user === view.user ? 'chosen' : null },
        el('td', {}, c.user), el('td', { class: 'num' }, String(c.events)), el('td', { class: 'num' }, String(c.blocked)),
        el('td', {}, el('button', { type: 'button', class: 'secondary', 'data-pick': c.user,
          onclick: () => runTrace(null, c.user) }, t('audit.trace.pick'))))));
  }
  const person = document.getElementById('audit-trace-person');
  person.hidden = !view.user;
  if (!view.user) return;
  document.getElementById('audit-trace-person-title').textContent = t('audit.timeline-of', view.user);
  document.getElementById('audit-trace-person-title').dataset.user = view.user;
  const u = view.usage;
  document.getElementById('audit-trace-counts').replaceChildren(
    el('span', { class: 'badge allow', id: 'audit-trace-allowed' }, t('audit.trace.allowed', u.allowed)), ' ',
    el('span', { class: 'badge block', id: 'audit-trace-blocked' }, t('audit.trace.blocked', u.blocked)), ' ',
    el('span', { class: 'muted' }, t('audit.timeline.range', when(view.from), when(view.to))));
  const names = {};
  u.apps.forEach(a => { names[a.appId] = a.name; });
  document.querySelector('#audit-trace-apps tbody').replaceChildren(...u.apps.map(a =>
    el('tr', { 'data-app': a.appId }, el('td', {}, a.name), el('td', { class: 'muted' }, a.appId),
      el('td', { class: 'num' }, String(a.allowed)), el('td', { class: 'num' }, String(a.blocked)))));
  document.getElementById('audit-trace-apps').hidden = u.apps.length === 0;
  document.getElementById('audit-trace-no-apps').hidden = u.apps.length > 0;
  document.getElementById('audit-trace-note').textContent =
    t('audit.trace.select-help') + (view.timelineTruncated ? ' ' + t('audit.timeline.truncated') : '');
  document.querySelector('#audit-trace-timeline tbody').replaceChildren(...view.timeline.map(item => traceRow(item, names)));
  document.getElementById('audit-trace-select-all').checked = false;
  document.getElementById('audit-trace-export-result').replaceChildren();
  selectionChanged();
}

/** A checkbox that picks an event (access or identity) for the evidence export. */
function pickBox(eventId) {
  return el('input', { type: 'checkbox', class: 'audit-pick', value: eventId,
    'aria-label': t('audit.trace.select-one'), onchange: selectionChanged });
}

/** One timeline row, with a checkbox for the evidence export. */
function traceRow(item, names) {
  if (item.type === 'identity') {
    const i = item.identity;
    return el('tr', { class: 'identity', 'data-event-id': i.eventId, 'data-kind': i.kind },
      el('td', {}, pickBox(i.eventId)), el('td', { title: i.timestamp }, when(i.timestamp)),
      el('td', {}, t('audit.identity.' + i.kind)), el('td', {}, i.address),
      el('td', {}, i.authMethod || ''), el('td', {}), el('td', {}), el('td', {}));
  }
  const e = item.access;
  return el('tr', { 'data-event-id': e.eventId, class: e.action === 'BLOCK' ? 'blocked' : null },
    el('td', {}, pickBox(e.eventId)), el('td', { title: e.timestamp }, when(e.timestamp)),
    el('td', {}, t('audit.kind.access')), el('td', {}, e.clientIp || ''), el('td', {}, actionBadge(e.action)),
    el('td', {}, e.appId ? (names[e.appId] || e.appId) : ''), el('td', {}, e.host || e.sni || ''),
    el('td', { class: 'url' }, e.url || ''));
}

function picked() {
  return [...document.querySelectorAll('#audit-trace-timeline input.audit-pick:checked')].map(b => b.value);
}

function selectionChanged() {
  const n = picked().length;
  document.getElementById('audit-trace-selected').textContent = t('audit.trace.selected', n);
  document.getElementById('audit-trace-export').disabled = n === 0 || n > 1000;
}

function selectAllShown(e) {
  document.querySelectorAll('#audit-trace-timeline input.audit-pick').forEach(b => { b.checked = e.target.checked; });
  selectionChanged();
}

/** Downloads the chosen events as an evidence bundle (the server logs the export first). */
async function exportEvidence() {
  const out = document.getElementById('audit-trace-export-result');
  out.replaceChildren();
  if (!checkJustification('audit-trace-export-result')) return;
  const ids = picked();
  const button = document.getElementById('audit-trace-export');
  button.disabled = true;
  try {
    const response = await fetch('/api/v1/audit/evidence', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': CG.session.csrfToken },
      body: JSON.stringify(Object.assign({ eventIds: ids }, justification())),
    });
    if (!response.ok) {
      const body = await response.json().catch(() => ({ message: 'HTTP ' + response.status }));
      throw new ApiFailure(response.status, body);
    }
    const disposition = response.headers.get('Content-Disposition') || '';
    const name = (/filename="([^"]+)"/.exec(disposition) || [null, 'evidence.json'])[1];
    const url = URL.createObjectURL(await response.blob());
    const link = el('a', { href: url, download: name, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    out.replaceChildren(el('div', { class: 'ok', id: 'audit-trace-exported', 'data-file': name },
      t('audit.trace.exported', ids.length, name)));
  } catch (failure) {
    fail('audit-trace-export-result', failure instanceof ApiFailure ? failure
      : new ApiFailure(0, { error: 'network', message: t('error.network') }));
  } finally {
    selectionChanged();
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  const session = await startPage('audit');
  if (!session) return;
  AUDIT.role = session.role;
  // the justification: required for responders; for inspectors it unlocks persons' events
  const box = document.getElementById('audit-justification');
  box.hidden = !(session.role === 'responder' || session.role === 'inspector');
  document.getElementById('audit-justification-help').textContent =
    t(session.role === 'responder' ? 'audit.justification.required' : 'audit.justification.inspector');
  document.getElementById('audit-case').required = needsJustification();
  document.getElementById('audit-reason').required = needsJustification();
  document.getElementById('audit-school-box').hidden = Boolean(session.school);
  const whoHadAllowed = session.role === 'responder' || session.role === 'district-admin';
  document.getElementById('audit-whohad').hidden = !whoHadAllowed;
  document.getElementById('audit-form').addEventListener('submit', newSearch);
  document.getElementById('audit-next').addEventListener('click', nextPage);
  document.getElementById('audit-prev').addEventListener('click', previousPage);
  document.getElementById('audit-timeline-back').addEventListener('click', showList);
  document.getElementById('audit-whohad').addEventListener('submit', whoHad);
  document.getElementById('audit-aggregate').addEventListener('submit', aggregate);
  document.getElementById('audit-tab-search').addEventListener('click', () => showTab('search'));
  document.getElementById('audit-tab-trace').addEventListener('click', () => showTab('trace'));
  document.getElementById('audit-trace-kind').addEventListener('change', traceKindChanged);
  document.getElementById('audit-trace-form').addEventListener('submit', runTrace);
  document.getElementById('audit-trace-select-all').addEventListener('change', selectAllShown);
  document.getElementById('audit-trace-export').addEventListener('click', exportEvidence);
  traceKindChanged();
  // the trace tab opens directly from audit.html#trace
  showTab(location.hash === '#trace' ? 'trace' : 'search');
  const asked = new URLSearchParams(location.search);
  if (asked.get('user')) document.getElementById('audit-user').value = asked.get('user');
  // an inspector without a case sees aggregates; everyone else starts with the last 24 hours
  if (session.role === 'district-admin' || session.role === 'school-admin') newSearch();
});
