'use strict';
// The policy editor: the YAML text of the school's policy, checked on the server (errors with
// their line), published as a new version; history with diff and rollback.
let school;
let canEdit = false;

async function loadPolicy() {
  const current = await api('GET', '/schools/' + encodeURIComponent(school) + '/policy');
  document.getElementById('policy-text').value = current.document;
  document.getElementById('policy-status').textContent =
      t('policy.status', current.version, current.live === null ? t('policy.not-running') : current.live);
  await loadHistory(current.version);
}

async function loadHistory(currentVersion) {
  const versions = await api('GET', '/schools/' + encodeURIComponent(school) + '/policy/versions');
  const rows = versions.slice().reverse().map(v => el('tr', { 'data-version': v.version },
    el('td', {}, String(v.version), v.version === currentVersion ? el('span', { class: 'badge allow' }, ' ' + t('policy.current')) : null),
    el('td', {}, v.author),
    el('td', {}, new Date(v.createdAt).toLocaleString(CG.lang === 'en' ? 'en' : 'zh-CN')),
    el('td', {}, v.comment || ''),
    el('td', {},
      el('button', { class: 'secondary', type: 'button', onclick: () => showDiff(v.version) }, t('policy.diff')),
      ' ',
      canEdit && v.version !== currentVersion
        ? el('button', { class: 'secondary', type: 'button', 'data-rollback': v.version, onclick: () => rollback(v.version) }, t('policy.rollback'))
        : null)));
  document.querySelector('#policy-history tbody').replaceChildren(...rows);
}

async function showDiff(version) {
  const box = document.getElementById('policy-diff');
  box.textContent = (await api('GET', '/schools/' + encodeURIComponent(school) + '/policy/versions/' + version + '/diff')).unified;
  box.hidden = false;
}

function showErrors(errors) {
  const list = el('ul', { id: 'policy-errors' }, errors.map(e =>
    el('li', {}, (e.line > 0 ? t('policy.line', e.line) + ' ' : '') + (e.path ? e.path + ': ' : '') + e.message)));
  document.getElementById('policy-message').replaceChildren(
    el('div', { class: 'error', role: 'alert' }, t('policy.invalid', errors.length), list));
}

async function validate() {
  const result = await api('POST', '/schools/' + encodeURIComponent(school) + '/policy/validate',
    { document: document.getElementById('policy-text').value });
  if (result.valid) {
    document.getElementById('policy-message').replaceChildren(el('div', { class: 'ok' }, t('policy.valid')));
  } else {
    showErrors(result.errors);
  }
}

async function publish() {
  const button = document.getElementById('policy-publish');
  button.disabled = true;
  try {
    const v = await api('POST', '/schools/' + encodeURIComponent(school) + '/policy', {
      document: document.getElementById('policy-text').value,
      comment: document.getElementById('policy-comment').value,
    });
    document.getElementById('policy-message').replaceChildren(
      el('div', { class: 'ok', id: 'policy-published' }, t('policy.published', v.version)));
    document.getElementById('policy-comment').value = '';
    await loadPolicy();
  } catch (failure) {
    if (failure.code === 'invalid-policy') showErrors(failure.details);
    else showError('policy-message', failure);
  } finally {
    button.disabled = false;
  }
}

async function rollback(version) {
  if (!confirm(t('policy.confirm-rollback', version))) return;
  try {
    const v = await api('POST', '/schools/' + encodeURIComponent(school) + '/policy/versions/' + version + '/rollback');
    document.getElementById('policy-message').replaceChildren(el('div', { class: 'ok' }, t('policy.published', v.version)));
    await loadPolicy();
  } catch (failure) {
    if (failure.code === 'invalid-policy') showErrors(failure.details);
    else showError('policy-message', failure);
  }
}

async function loadCategories() {
  const result = await api('POST', '/schools/' + encodeURIComponent(school) + '/policy/validate',
    { document: document.getElementById('policy-text').value }).catch(() => null);
  const box = document.getElementById('policy-categories');
  if (!result || !result.valid) { box.replaceChildren(); return; }
  box.replaceChildren(el('p', { class: 'muted' }, t('policy.categories-help')),
    el('p', {}, result.categories.map(c => el('span', { class: 'badge' }, c)).flatMap(b => [b, ' '])));
}

document.addEventListener('DOMContentLoaded', async () => {
  const session = await startPage('policy');
  if (!session) return;
  school = currentSchool();
  canEdit = session.role === 'district-admin' || (session.role === 'school-admin' && session.school === school);
  const text = document.getElementById('policy-text');
  text.readOnly = !canEdit;
  document.getElementById('policy-validate').hidden = !canEdit;
  document.getElementById('policy-publish').hidden = !canEdit;
  document.getElementById('policy-validate').addEventListener('click', () => validate().catch(f => showError('policy-message', f)));
  document.getElementById('policy-publish').addEventListener('click', publish);
  try {
    await loadPolicy();
    if (canEdit) await loadCategories();
  } catch (failure) {
    showError('policy-message', failure);
  }
});
