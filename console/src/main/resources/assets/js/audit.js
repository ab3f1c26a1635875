'use strict';
// Audit search: filters → events paged by cursor, a user's timeline, who held an address at a
// moment, aggregates, the CSV export and the integrity of the days shown. Responders (and
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
  for (const field of document.querySelectorAll('#audit-form [name]')) {
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
  const asked = new URLSearchParams(location.search);
  if (asked.get('user')) document.getElementById('audit-user').value = asked.get('user');
  // an inspector without a case sees aggregates; everyone else starts with the last 24 hours
  if (session.role === 'district-admin' || session.role === 'school-admin') newSearch();
});
