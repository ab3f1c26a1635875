'use strict';
// Rectification items by month, school and status, with the buttons the caller's role allows:
// a school admin marks their school's items rectified (with a note); an inspector or district
// admin closes, reopens and reassigns them. The server checks every change again.

const CHECKERS = ['inspector', 'district-admin'];

function query() {
  const p = new URLSearchParams();
  const month = document.getElementById('rect-month').value;
  const school = document.getElementById('rect-school').value.trim();
  const status = document.getElementById('rect-status').value;
  if (month) p.set('month', month);
  if (school) p.set('school', school);
  if (status) p.set('status', status);
  return p;
}

async function change(item, status) {
  const note = prompt(t(status === 'RECTIFIED' ? 'rect.ask-note-required' : 'rect.ask-note'), '');
  if (note === null) return;
  await api('POST', '/rectifications/' + item.id + '/status', { status, note });
  await load();
}

async function reassign(item) {
  const owner = prompt(t('rect.ask-owner'), item.owner);
  if (owner === null) return;
  const deadline = prompt(t('rect.ask-deadline'), item.deadline);
  if (deadline === null) return;
  await api('PUT', '/rectifications/' + item.id, { owner, deadline });
  await load();
}

function buttons(item) {
  const role = CG.session.role;
  const act = (label, fn) => el('button', { type: 'button', class: 'secondary', onclick: () =>
    fn().catch(f => showError('rect-message', f)) }, t(label));
  const out = [];
  if (role === 'school-admin' && item.status !== 'CLOSED') {
    out.push(act('rect.mark-rectified', () => change(item, 'RECTIFIED')));
  }
  if (CHECKERS.includes(role)) {
    if (item.status !== 'CLOSED') out.push(act('rect.close', () => change(item, 'CLOSED')));
    if (item.status !== 'OPEN') out.push(act('rect.reopen', () => change(item, 'OPEN')));
    out.push(act('rect.reassign', () => reassign(item)));
  }
  return out;
}

function row(item) {
  return el('tr', { 'data-id': item.id },
    el('td', {}, item.month),
    el('td', {}, item.schoolId || t('rect.district')),
    el('td', {}, t('rect.kind.' + item.kind)),
    el('td', { class: 'rect-summary' }, item.subject, el('br'), el('span', { class: 'muted' }, item.summary)),
    el('td', {}, item.owner),
    el('td', {}, item.deadline),
    el('td', {}, el('span', { class: 'badge status-' + item.status }, t('rect.status.' + item.status))),
    el('td', {}, item.note || ''),
    el('td', { class: 'actions' }, buttons(item)));
}

async function load() {
  document.getElementById('rect-message').replaceChildren();
  const answer = await api('GET', '/rectifications?' + query());
  const body = document.querySelector('#rect-items tbody');
  body.replaceChildren(...answer.items.map(row));
  if (answer.items.length === 0) {
    body.append(el('tr', {}, el('td', { colspan: '9', class: 'muted' }, t('rect.empty'))));
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  if (!await startPage('rectifications')) return;
  const asked = new URLSearchParams(location.search);
  if (asked.get('month')) document.getElementById('rect-month').value = asked.get('month');
  if (asked.get('school')) document.getElementById('rect-school').value = asked.get('school');
  if (CG.session.role === 'school-admin') {
    document.getElementById('rect-school').value = CG.session.school || '';
    document.getElementById('rect-school').disabled = true;
  }
  document.getElementById('rect-filter').addEventListener('submit', e => {
    e.preventDefault();
    load().catch(f => showError('rect-message', f));
  });
  try { await load(); } catch (f) { showError('rect-message', f); }
});
