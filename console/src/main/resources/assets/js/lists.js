'use strict';
// Block lists: the categories in force with their counts and origin, UT1 import (server path or
// upload) with a progress display polling the import, and custom entries per category.
let isDistrictAdmin = false;
let maxUploadBytes = 0;
let openCategory = null;

function when(instant) {
  return instant ? new Date(instant).toLocaleString(CG.lang === 'en' ? 'en' : 'zh-CN') : '';
}

function displayName(c) {
  const names = c.names || {};
  return names[CG.lang] || names.en || c.name;
}

function mib(bytes) {
  return (bytes / 1048576).toFixed(1);
}

async function loadLists() {
  const lists = await api('GET', '/lists');
  maxUploadBytes = lists.maxUploadBytes;
  const s = lists.source;
  document.getElementById('lists-source').textContent = s.kind === 'import'
    ? t('lists.source.import', s.source, when(s.importedAt), s.importedBy)
    : s.kind === 'config' ? t('lists.source.config', s.source) : t('lists.source.none');
  const rows = lists.categories.map(c => el('tr', { 'data-category': c.name },
    el('td', {}, displayName(c), ' ', el('span', { class: 'muted' }, c.name),
      c.aliases.length ? el('span', { class: 'muted' }, ' (' + t('lists.aliases', c.aliases.join(', ')) + ')') : null),
    el('td', { class: 'num' }, String(c.domains)),
    el('td', { class: 'num' }, String(c.urls)),
    el('td', { class: 'num' }, String(c.expressions)),
    el('td', { class: 'num' }, String(c.custom)),
    el('td', {}, c.source === 'custom' ? t('lists.source.custom-only') : c.source),
    el('td', {}, c.importedAt ? t('lists.imported-by', when(c.importedAt), c.importedBy) : ''),
    el('td', {}, el('button', { class: 'secondary', type: 'button', onclick: () => showEntries(c.name) },
      t('lists.entries.open')))));
  document.querySelector('#lists-table tbody').replaceChildren(...rows);
}

// ---- import

function renderJob(job) {
  document.getElementById('lists-progress').hidden = false;
  const bar = document.getElementById('lists-progress-bar');
  if (job.bytesTotal > 0) {
    bar.value = Math.min(100, Math.round(100 * job.bytesDone / job.bytesTotal));
  } else if (job.state === 'done') {
    bar.value = 100;
  } else {
    bar.removeAttribute('value'); // indeterminate: a folder is read without byte counts
  }
  let text = t('lists.state.' + job.state);
  if (job.state === 'running' || job.state === 'queued') {
    text += ' · ' + t('lists.phase.' + job.phase);
    if (job.bytesTotal > 0) text += ' · ' + t('lists.bytes', mib(job.bytesDone), mib(job.bytesTotal));
    else if (job.bytesDone > 0) text += ' · ' + t('lists.bytes-received', mib(job.bytesDone));
  }
  if (job.state === 'done') {
    text += ' · ' + t('lists.import.done', job.categories, job.domains, job.urls, job.expressions);
  }
  document.getElementById('lists-progress-text').textContent = text;
  const errors = document.getElementById('lists-progress-errors');
  errors.hidden = job.state !== 'failed';
  errors.replaceChildren(...(job.errors || []).map(e =>
    el('li', {}, e.line > 0 ? t('lists.error.at-line', e.file, e.line, e.message) : e.file + ': ' + e.message)));
}

function busy(on) {
  document.getElementById('lists-import-path').disabled = on;
  document.getElementById('lists-import-upload').disabled = on;
}

async function follow(id) {
  busy(true);
  try {
    for (;;) {
      const job = await api('GET', '/lists/imports/' + id);
      renderJob(job);
      if (job.state === 'done' || job.state === 'failed') {
        if (job.state === 'done') await loadLists();
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  } catch (failure) {
    showError('lists-message', failure);
  } finally {
    busy(false);
  }
}

async function importPath() {
  const path = document.getElementById('lists-path').value.trim();
  if (!path) return;
  try {
    const job = await api('POST', '/lists/imports', { path, comment: document.getElementById('lists-comment').value });
    renderJob(job);
    await follow(job.id);
  } catch (failure) {
    showError('lists-message', failure);
  }
}

/** Uploads with XMLHttpRequest: fetch reports no upload progress. */
function importUpload() {
  const file = document.getElementById('lists-file').files[0];
  if (!file) return;
  if (maxUploadBytes && file.size > maxUploadBytes) {
    showError('lists-message', { message: t('lists.import.too-large', mib(maxUploadBytes)) });
    return;
  }
  const form = new FormData();
  form.append('file', file, file.name);
  const comment = document.getElementById('lists-comment').value;
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/v1/lists/imports?comment=' + encodeURIComponent(comment));
  xhr.setRequestHeader('Accept', 'application/json');
  if (CG.session && CG.session.csrfToken) xhr.setRequestHeader('X-CSRF-Token', CG.session.csrfToken);
  xhr.upload.addEventListener('progress', e => {
    if (e.lengthComputable) {
      renderJob({ state: 'running', phase: 'receiving', bytesDone: e.loaded, bytesTotal: e.total, errors: [] });
    }
  });
  xhr.addEventListener('load', () => {
    let body = null;
    try { body = JSON.parse(xhr.responseText); } catch (e) { body = { message: xhr.responseText }; }
    if (xhr.status === 202) {
      follow(body.id);
    } else {
      busy(false);
      showError('lists-message', new ApiFailure(xhr.status, body));
    }
  });
  xhr.addEventListener('error', () => {
    busy(false);
    showError('lists-message', new ApiFailure(0, { error: 'network', message: t('error.network') }));
  });
  busy(true);
  document.getElementById('lists-message').replaceChildren();
  xhr.send(form);
}

// ---- custom entries

async function showEntries(category) {
  openCategory = category;
  document.getElementById('lists-entries').hidden = false;
  document.getElementById('lists-entries-title').textContent = t('lists.entries.title', category);
  document.getElementById('lists-entry-form').hidden = !isDistrictAdmin;
  document.getElementById('lists-entries-message').replaceChildren();
  await loadEntries();
  document.getElementById('lists-entries').scrollIntoView();
}

async function loadEntries() {
  const entries = await api('GET', '/lists/' + encodeURIComponent(openCategory) + '/entries');
  const rows = entries.map(e => el('tr', {},
    el('td', {}, t('lists.entries.' + e.kind)),
    el('td', {}, e.entry),
    el('td', {}, e.createdBy),
    el('td', {}, when(e.createdAt)),
    el('td', {}, isDistrictAdmin
      ? el('button', { class: 'secondary', type: 'button', onclick: () => removeEntry(e) }, t('common.delete'))
      : null)));
  document.querySelector('#lists-entries-table tbody').replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: '5', class: 'muted' }, t('common.none')))]));
}

async function addEntry() {
  const value = document.getElementById('lists-entry-value').value.trim();
  if (!value) return;
  try {
    const e = await api('POST', '/lists/' + encodeURIComponent(openCategory) + '/entries',
      { kind: document.getElementById('lists-entry-kind').value, value });
    document.getElementById('lists-entry-value').value = '';
    document.getElementById('lists-entries-message').replaceChildren(
      el('div', { class: 'ok' }, t('lists.entries.added', e.entry)));
    await Promise.all([loadEntries(), loadLists()]);
  } catch (failure) {
    showError('lists-entries-message', failure);
  }
}

async function removeEntry(e) {
  if (!confirm(t('lists.entries.confirm-remove', e.entry))) return;
  try {
    await api('DELETE', '/lists/' + encodeURIComponent(openCategory) + '/entries?kind='
      + encodeURIComponent(e.kind) + '&value=' + encodeURIComponent(e.entry));
    document.getElementById('lists-entries-message').replaceChildren(
      el('div', { class: 'ok' }, t('lists.entries.removed', e.entry)));
    await Promise.all([loadEntries(), loadLists()]);
  } catch (failure) {
    showError('lists-entries-message', failure);
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  const session = await startPage('lists');
  if (!session) return;
  isDistrictAdmin = session.role === 'district-admin';
  document.getElementById('lists-import').hidden = !isDistrictAdmin;
  document.getElementById('lists-import-path').addEventListener('click', importPath);
  document.getElementById('lists-import-upload').addEventListener('click', importUpload);
  document.getElementById('lists-entry-add').addEventListener('click', addEntry);
  try {
    await loadLists();
    if (isDistrictAdmin) {
      const running = (await api('GET', '/lists/imports')).find(j => j.state === 'queued' || j.state === 'running');
      if (running) follow(running.id);
    }
  } catch (failure) {
    showError('lists-message', failure);
  }
});
