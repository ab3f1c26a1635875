'use strict';
// The admin log, newest first: who changed what, when, with the state before and after.
let before = null;

function when(iso) { return new Date(iso).toLocaleString(CG.lang === 'en' ? 'en' : 'zh-CN'); }

function change(entry) {
  const parts = [];
  if (entry.before !== null && entry.before !== undefined) parts.push(el('div', {}, t('admin.before'), el('pre', {}, JSON.stringify(entry.before, null, 1))));
  if (entry.after !== null && entry.after !== undefined) parts.push(el('div', {}, t('admin.after'), el('pre', {}, JSON.stringify(entry.after, null, 1))));
  return parts;
}

async function load() {
  const params = new URLSearchParams({ limit: '100' });
  const asked = new URLSearchParams(location.search).get('school');
  if (asked) params.set('school', asked);
  if (before !== null) params.set('before', String(before));
  const page = await api('GET', '/admin-log?' + params);
  document.querySelector('#admin-log tbody').append(...page.entries.map(e => el('tr', { 'data-id': e.id },
    el('td', {}, when(e.at)), el('td', {}, e.actor), el('td', {}, e.action), el('td', {}, e.target),
    el('td', {}, e.school || t('admin.district')), el('td', {}, change(e)))));
  before = page.next;
  document.getElementById('admin-more').hidden = page.next === null;
}

document.addEventListener('DOMContentLoaded', async () => {
  if (!await startPage('admin')) return;
  document.getElementById('admin-more').addEventListener('click', () => load().catch(f => showError('admin-message', f)));
  try { await load(); } catch (f) { showError('admin-message', f); }
});
