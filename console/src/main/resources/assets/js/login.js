'use strict';
document.addEventListener('DOMContentLoaded', async () => {
  await startPage('login', { public: true });
  const lang = document.getElementById('language');
  lang.textContent = t('nav.language');
  lang.addEventListener('click', e => {
    e.preventDefault(); localStorage.setItem('cg_lang', CG.lang === 'en' ? 'zh' : 'en'); location.reload();
  });
  document.getElementById('login-form').addEventListener('submit', async e => {
    e.preventDefault();
    const message = document.getElementById('message');
    try {
      const session = await api('POST', '/session', {
        username: document.getElementById('username').value,
        password: document.getElementById('password').value,
      }, { noRedirect: true });
      const next = new URLSearchParams(location.search).get('next');
      const home = session.role === 'responder' ? '/audit.html' : '/index.html';
      // only a path on this console, never another site
      location.href = session.mustChangePassword ? '/password.html'
          : (next && next.startsWith('/') && !next.startsWith('//') ? next : home);
    } catch (failure) {
      const text = failure.code === 'locked' ? t('login.locked', failure.details[0] ? failure.details[0].until : '')
          : failure.code === 'bad-credentials' ? t('login.bad-credentials') : describe(failure);
      message.replaceChildren(el('div', { class: 'error', role: 'alert', id: 'login-error' }, text));
    }
  });
});
