// Shared by every console page: texts from /api/v1/i18n, the signed-in session, API calls with
// the CSRF token, the navigation bar, and DOM building without innerHTML (data is never markup).
'use strict';

const CG = { session: null, texts: {}, lang: 'zh' };

/** Text for a key, with {0}, {1}… replaced. */
function t(key, ...args) {
  let s = Object.prototype.hasOwnProperty.call(CG.texts, key) ? CG.texts[key] : key;
  args.forEach((a, i) => { s = s.split('{' + i + '}').join(String(a)); });
  return s;
}

/** Builds an element: el('a', {href: '/x', class: 'y'}, 'text', child…). Strings become text nodes. */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return e;
}

/** An API failure: the HTTP status and the body's {error, message, details}. */
class ApiFailure extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : 'HTTP ' + status);
    this.status = status;
    this.code = body && body.error;
    this.details = (body && body.details) || [];
  }
}

/** Calls the API; JSON in and out. Throws ApiFailure on an error answer. */
async function api(method, path, body, opts) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined && !(body instanceof FormData)) headers['Content-Type'] = 'application/json';
  if (CG.session && CG.session.csrfToken) headers['X-CSRF-Token'] = CG.session.csrfToken;
  let response;
  try {
    response = await fetch('/api/v1' + path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : (body instanceof FormData ? body : JSON.stringify(body)),
    });
  } catch (e) {
    throw new ApiFailure(0, { error: 'network', message: t('error.network') });
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    if (response.status === 401 && !(opts && opts.noRedirect)) {
      location.href = '/login.html?next=' + encodeURIComponent(location.pathname + location.search);
    }
    throw new ApiFailure(response.status, typeof data === 'object' ? data : { message: data });
  }
  return data;
}

/** A failure as a user reads it. */
function describe(failure) {
  if (failure.code && CG.texts['error.' + failure.code]) return t('error.' + failure.code, failure.message);
  return failure.message || String(failure);
}

function applyTexts(root) {
  root.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach(e => { e.title = t(e.dataset.i18nTitle); });
}

const NAV = [
  ['dashboard', '/index.html', ['district-admin', 'school-admin', 'inspector']],
  ['policy', '/policy.html', ['district-admin', 'school-admin', 'inspector']],
  ['lists', '/lists.html', ['district-admin', 'school-admin', 'inspector']],
  ['people', '/people.html', ['district-admin', 'school-admin']],
  ['audit', '/audit.html', ['district-admin', 'school-admin', 'inspector', 'responder']],
  ['register', '/register.html', ['district-admin', 'school-admin', 'inspector', 'responder']],
  ['reports', '/reports.html', ['district-admin', 'school-admin', 'inspector']],
  ['rectifications', '/rectifications.html', ['district-admin', 'school-admin', 'inspector']],
  ['admin', '/admin-log.html', ['district-admin', 'school-admin', 'inspector']],
  ['tokens', '/tokens.html', ['district-admin']],
];

function renderNav(current) {
  const nav = document.getElementById('nav');
  if (!nav || !CG.session) return;
  const links = NAV.filter(([, , roles]) => roles.includes(CG.session.role)).map(([key, href]) =>
    el('a', { href, class: key === current ? 'current' : null, id: 'nav-' + key }, t('nav.' + key)));
  const lang = el('a', { href: '#', id: 'nav-language', onclick: e => {
    e.preventDefault(); localStorage.setItem('cg_lang', CG.lang === 'en' ? 'zh' : 'en'); location.reload();
  } }, t('nav.language'));
  const out = el('a', { href: '#', id: 'nav-signout', onclick: async e => {
    e.preventDefault(); await api('DELETE', '/session').catch(() => {}); location.href = '/login.html';
  } }, t('nav.signout'));
  const who = el('span', { class: 'who' }, CG.session.user + ' · ' + t('user.role.' + CG.session.role)
      + (CG.session.school ? ' · ' + CG.session.school : ''));
  nav.replaceChildren(el('strong', {}, t('app.name')), ...links, el('span', { class: 'spacer' }), who, lang, out);
}

/**
 * Starts a page: loads texts, then (unless the page is public) the session, sending a visitor
 * who is not signed in to the sign-in page and a one-time password to the change page.
 */
async function startPage(page, options) {
  const opts = options || {};
  const asked = localStorage.getItem('cg_lang');
  const texts = await fetch('/api/v1/i18n' + (asked ? '?lang=' + asked : '')).then(r => r.json());
  CG.texts = texts.messages;
  CG.lang = texts.lang;
  document.documentElement.lang = CG.lang === 'en' ? 'en' : 'zh-CN';
  applyTexts(document);
  if (opts.public) return null;
  try {
    CG.session = await api('GET', '/session');
  } catch (e) {
    return null; // redirected to sign in
  }
  if (CG.session.mustChangePassword && page !== 'password') {
    location.href = '/password.html';
    return null;
  }
  renderNav(page);
  document.title = t('nav.' + page) + ' · ' + t('app.name');
  return CG.session;
}

/** The school a page works on: ?school=, else the signed-in user's, else the console's own. */
function currentSchool() {
  const asked = new URLSearchParams(location.search).get('school');
  return asked || (CG.session && (CG.session.school || CG.session.localSchool));
}

function showError(where, failure) {
  const box = typeof where === 'string' ? document.getElementById(where) : where;
  box.replaceChildren(el('div', { class: 'error', role: 'alert' }, describe(failure)));
}
