'use strict';
document.addEventListener('DOMContentLoaded', async () => {
  if (!await startPage('password')) return;
  document.getElementById('password-form').addEventListener('submit', async e => {
    e.preventDefault();
    const message = document.getElementById('message');
    const next = document.getElementById('next').value;
    if (next !== document.getElementById('repeat').value) {
      message.replaceChildren(el('div', { class: 'error', role: 'alert' }, t('password.mismatch')));
      return;
    }
    try {
      CG.session = await api('POST', '/session/password', { current: document.getElementById('current').value, next });
      message.replaceChildren(el('div', { class: 'ok', id: 'password-done' }, t('password.done')));
      location.href = CG.session.role === 'responder' ? '/audit.html' : '/index.html';
    } catch (failure) {
      message.replaceChildren(el('div', { class: 'error', role: 'alert' },
          failure.code === 'weak-password' ? t('password.weak') : describe(failure)));
    }
  });
});
