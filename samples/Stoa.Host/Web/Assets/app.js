// Stoa web app: forms post in the background (with the anti-forgery token), and row status arrives by
// server-sent events; a changed row is re-fetched as an HTML fragment. No polling, no full-page reloads.
(() => {
  const token = document.querySelector('meta[name="csrf"]')?.content ?? '';
  const table = document.body.dataset.table;
  const message = text => { const m = document.getElementById('message'); if (m) { m.textContent = text; m.hidden = !text; } };

  async function refreshRow(id) {
    const r = await fetch(`/t/${encodeURIComponent(table)}/rows/${id}/fragment`);
    // A row deleted (here or by another process) is gone from the page too.
    if (r.status === 404) document.getElementById('row-' + id)?.remove();
    if (!r.ok) return;
    const html = await r.text();
    const tr = document.getElementById('row-' + id);
    if (tr) tr.outerHTML = html; else document.querySelector('#rows tbody')?.insertAdjacentHTML('beforeend', html);
  }

  document.addEventListener('submit', async e => {
    const form = e.target;
    if (!form.matches('form[data-ajax]')) return;
    e.preventDefault();
    const data = new FormData(form);
    data.append('__RequestVerificationToken', token);
    const r = await fetch(form.action, { method: 'POST', body: data });
    const text = await r.text();
    // Without data-ok the server's answer is the message (e.g. which SAMP receiver took the table).
    message(r.ok ? (form.dataset.ok ?? text) : `${r.status}: ${text}`);
    if (r.ok && form.dataset.row) await refreshRow(form.dataset.row);
    if (r.ok && form.dataset.reset !== undefined) form.reset();
  });

  if (table) {
    const events = new EventSource(`/t/${encodeURIComponent(table)}/events`);
    events.addEventListener('row', ev => {
      const d = JSON.parse(ev.data);
      const cell = document.querySelector(`#row-${d.row} .status`);
      if (cell) { cell.textContent = d.status; cell.className = 'status st-' + d.status; }
      if (d.kind !== 'status' || ['Succeeded', 'Failed', 'Cancelled', 'Pending'].includes(d.status)) refreshRow(d.row);
    });
  }
})();
