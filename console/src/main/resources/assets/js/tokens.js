'use strict';
// API tokens: issue (the secret is shown once), list, revoke.

async function loadTokens() {
  const tokens = await api('GET', '/tokens');
  document.querySelector('#token-list tbody').replaceChildren(...tokens.slice().reverse().map(k => el('tr', { 'data-token': k.id },
    el('td', {}, k.name), el('td', {}, t('user.role.' + k.role)), el('td', {}, k.school || t('admin.district')),
    el('td', {}, new Date(k.createdAt).toLocaleString(CG.lang === 'en' ? 'en' : 'zh-CN')),
    el('td', {}, k.active ? el('span', { class: 'badge allow' }, t('admin.active')) : el('span', { class: 'badge' }, t('admin.revoked'))),
    el('td', {}, k.active ? el('button', { class: 'secondary', type: 'button', onclick: () => revoke(k) }, t('admin.revoke')) : null))));
}

async function revoke(k) {
  if (!confirm(t('admin.confirm-revoke', k.name))) return;
  try { await api('DELETE', '/tokens/' + k.id); await loadTokens(); } catch (f) { showError('token-message', f); }
}

async function issue(event) {
  event.preventDefault();
  try {
    const issued = await api('POST', '/tokens', {
      name: document.getElementById('token-name').value.trim(),
      role: document.getElementById('token-role').value,
      school: document.getElementById('token-school').value.trim() || null,
    });
    document.getElementById('token-message').replaceChildren(el('div', { class: 'ok' },
      t('admin.secret-once', issued.token.name), el('div', { class: 'token-secret', id: 'token-secret' }, issued.secret)));
    event.target.reset();
    await loadTokens();
  } catch (f) { showError('token-message', f); }
}

document.addEventListener('DOMContentLoaded', async () => {
  if (!await startPage('tokens')) return;
  document.getElementById('token-issue').addEventListener('submit', issue);
  try { await loadTokens(); } catch (f) { showError('token-message', f); }
});
