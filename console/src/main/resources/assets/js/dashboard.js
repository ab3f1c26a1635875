'use strict';
document.addEventListener('DOMContentLoaded', async () => {
  await startPage('dashboard');
});
