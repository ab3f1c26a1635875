'use strict';
// Users & groups: the school's users (filter, add, change groups, remove), groups, IP bindings,
// and the CSV import (checked first as a dry run, then applied).
let school;
const PAGE = 200;
let offset = 0;

function base() { return '/schools/' + encodeURIComponent(school); }

function message(kind, text, items) {
  document.getElementById('people-message').replaceChildren(
    el('div', { class: kind, role: kind === 'error' ? 'alert' : null }, text,
      items && items.length ? el('ul', {}, items.map(i => el('li', {}, i))) : null));
}

function failed(e) { message('error', describe(e)); }

function splitList(text) { return text.split(/[;,，；|]/).map(s => s.trim()).filter(s => s); }

async function loadUsers(append) {
  if (!append) offset = 0;
  const q = document.getElementById('people-filter').value.trim();
  const page = await api('GET', base() + '/users?limit=' + PAGE + '&offset=' + offset + (q ? '&q=' + encodeURIComponent(q) : ''));
  const rows = page.users.map(u => el('tr', { 'data-login': u.login },
    el('td', {}, u.login),
    el('td', {}, u.displayName),
    el('td', {}, el('input', { value: u.groups.join('; '), 'aria-label': t('people.groups'),
      onchange: e => changeGroups(u.login, e.target.value) })),
    el('td', { class: 'networks' }, u.networks.join(' ')),
    el('td', {}, el('button', { class: 'secondary', type: 'button', onclick: () => removeUser(u.login) }, t('common.delete')))));
  const body = document.querySelector('#people-users tbody');
  if (append) body.append(...rows); else body.replaceChildren(...rows);
  offset = page.offset + page.users.length;
  document.getElementById('people-count').textContent = t('people.count', page.total);
  document.getElementById('people-more').hidden = offset >= page.total;
}

async function changeGroups(login, text) {
  try {
    await api('PUT', base() + '/users/' + encodeURIComponent(login), { groups: splitList(text) });
    message('ok', t('people.saved', login));
    await Promise.all([loadUsers(), loadGroups()]);
  } catch (e) { failed(e); }
}

async function removeUser(login) {
  if (!confirm(t('people.confirm-remove-user', login))) return;
  try {
    await api('DELETE', base() + '/users/' + encodeURIComponent(login));
    await Promise.all([loadUsers(), loadGroups(), loadBindings()]);
  } catch (e) { failed(e); }
}

async function loadGroups() {
  const groups = await api('GET', base() + '/groups');
  document.querySelector('#people-group-list tbody').replaceChildren(...groups.map(g => el('tr', { 'data-group': g.name },
    el('td', {}, g.name),
    el('td', { class: 'num' }, String(g.members)),
    el('td', {}, el('button', { class: 'secondary', type: 'button', onclick: () => removeGroup(g.name) }, t('common.delete'))))));
}

async function removeGroup(name) {
  if (!confirm(t('people.confirm-remove-group', name))) return;
  try {
    await api('DELETE', base() + '/groups/' + encodeURIComponent(name));
    await Promise.all([loadUsers(), loadGroups(), loadBindings()]);
  } catch (e) { failed(e); }
}

async function loadBindings() {
  const bindings = await api('GET', base() + '/bindings');
  document.querySelector('#people-binding-list tbody').replaceChildren(...bindings.map(b => el('tr', { 'data-binding': b.id },
    el('td', { class: 'cidr' }, b.cidr),
    el('td', {}, b.user ? t('people.user') + ' ' + b.user : t('people.group') + ' ' + b.group),
    el('td', {}, b.createdBy),
    el('td', {}, el('button', { class: 'secondary', type: 'button', onclick: () => unbind(b) }, t('common.delete'))))));
}

async function unbind(b) {
  if (!confirm(t('people.confirm-unbind', b.cidr))) return;
  try {
    await api('DELETE', base() + '/bindings/' + b.id);
    await Promise.all([loadUsers(), loadBindings()]);
  } catch (e) { failed(e); }
}

async function submitted(event, action) {
  event.preventDefault();
  try {
    await action();
    event.target.reset();
  } catch (e) { failed(e); }
}

async function addUser() {
  const login = document.getElementById('people-login').value.trim();
  await api('POST', base() + '/users', { login,
    displayName: document.getElementById('people-display').value,
    groups: splitList(document.getElementById('people-groups').value) });
  message('ok', t('people.user-added', login));
  await Promise.all([loadUsers(), loadGroups()]);
}

async function addGroup() {
  await api('POST', base() + '/groups', { name: document.getElementById('people-group-name').value.trim() });
  await loadGroups();
}

async function addBinding() {
  const body = { cidr: document.getElementById('people-cidr').value.trim() };
  body[document.getElementById('people-subject-kind').value] = document.getElementById('people-subject').value.trim();
  const b = await api('POST', base() + '/bindings', body);
  message('ok', t('people.bound', b.cidr));
  await Promise.all([loadUsers(), loadBindings()]);
}

function showReport(r) {
  const lines = [
    t('people.report-created', r.created.length),
    t('people.report-updated', r.updated.length),
    t('people.report-unchanged', r.unchanged),
    t('people.report-groups', r.groupsCreated.length ? r.groupsCreated.join(', ') : t('common.none')),
    t('people.report-networks', r.networksBound.length),
  ];
  document.getElementById('people-import-result').replaceChildren(el('div', { class: 'ok' },
    t(r.dryRun ? 'people.report-dry' : 'people.report-done', r.rows), el('ul', {}, lines.map(l => el('li', {}, l)))));
}

async function runImport(dryRun) {
  const file = document.getElementById('people-file').files[0];
  const out = document.getElementById('people-import-result');
  if (!file) { out.replaceChildren(el('div', { class: 'error' }, t('people.choose-file'))); return; }
  const form = new FormData();
  form.append('file', file);
  document.getElementById('people-apply').disabled = true;
  try {
    const report = await api('POST', base() + '/users/import' + (dryRun ? '?dryRun=true' : ''), form);
    showReport(report);
    document.getElementById('people-apply').disabled = !dryRun;
    if (!dryRun) await Promise.all([loadUsers(), loadGroups(), loadBindings()]);
  } catch (e) {
    out.replaceChildren(el('div', { class: 'error', role: 'alert' }, describe(e),
      el('ul', {}, (e.details || []).map(d => el('li', {}, (d.row > 0 ? t('people.line', d.row) + ' ' : '') + (d.column ? d.column + ': ' : '') + d.message)))));
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  const session = await startPage('people');
  if (!session) return;
  school = currentSchool();
  document.getElementById('people-add-user').addEventListener('submit', e => submitted(e, addUser));
  document.getElementById('people-add-group').addEventListener('submit', e => submitted(e, addGroup));
  document.getElementById('people-add-binding').addEventListener('submit', e => submitted(e, addBinding));
  let timer;
  document.getElementById('people-filter').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => loadUsers().catch(failed), 250);
  });
  document.getElementById('people-more').addEventListener('click', () => loadUsers(true).catch(failed));
  document.getElementById('people-file').addEventListener('change', () => { document.getElementById('people-apply').disabled = true; });
  document.getElementById('people-check').addEventListener('click', () => runImport(true));
  document.getElementById('people-apply').addEventListener('click', () => runImport(false));
  try {
    await Promise.all([loadUsers(), loadGroups(), loadBindings()]);
  } catch (e) { failed(e); }
});
