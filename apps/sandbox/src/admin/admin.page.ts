/** The control page served at `GET /__admin`: plain HTML and fetch calls to the admin API. */
export const ADMIN_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Portico sandbox controls</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d232b; }
  h1 { font-size: 1.3rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
  table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #dde; }
  button { cursor: pointer; } form { display: flex; gap: .5rem; flex-wrap: wrap; align-items: end; margin: .5rem 0; }
  label { display: flex; flex-direction: column; font-size: .8rem; } pre { background: #f4f5f7; padding: .5rem; max-height: 20rem; overflow: auto; }
  #msg { min-height: 1.4em; color: #0a6; }
</style>
</head>
<body>
<h1>Portico sandbox</h1>
<p id="msg" role="status"></p>
<p><button id="reset">Reset demo data</button>
  <label style="display:inline-flex;flex-direction:row;gap:.3rem"><input type="checkbox" id="no-webhook"> change data without sending webhooks (a lost delivery)</label>
  <label style="display:inline-flex;flex-direction:row;gap:.3rem"><input type="checkbox" id="outbound"> Case changes also send Salesforce Outbound Messages</label></p>

<h2>Invoices (WHMCS)</h2>
<table><thead><tr><th>id</th><th>client</th><th>number</th><th>status</th><th>due</th><th>total</th><th></th></tr></thead><tbody id="invoices"></tbody></table>
<form id="new-invoice">
  <label>client id <input name="userid" type="number" value="1" min="1" required></label>
  <label>description <input name="description" value="Extra service" required></label>
  <label>amount <input name="amount" value="19.99" required></label>
  <label>due date <input name="duedate" type="date"></label>
  <button>Create invoice</button>
</form>

<h2>Services and usage (WHMCS)</h2>
<p>WHMCS refreshes disk and bandwidth figures in its daily cron; the sandbox does the same once a day
(<code>SANDBOX_USAGE_CYCLE_MS</code>), or now: <button id="advance-usage">Advance usage one day</button></p>
<table><thead><tr><th>id</th><th>client</th><th>service</th><th>status</th><th>disk MB</th><th>bandwidth MB (month)</th><th>lastupdate</th></tr></thead><tbody id="services"></tbody></table>

<h2>Cases (Salesforce)</h2>
<table><thead><tr><th>number</th><th>account</th><th>subject</th><th>status</th><th>priority</th><th></th></tr></thead><tbody id="cases"></tbody></table>
<form id="new-case">
  <label>account id <input name="accountId" value="001A0000001AcmeAAA" required></label>
  <label>subject <input name="subject" value="Something is broken" required></label>
  <label>priority <select name="priority"><option>Low</option><option selected>Medium</option><option>High</option><option>Critical</option></select></label>
  <button>Create case</button>
</form>

<h2>Faults</h2>
<form id="new-fault">
  <label>upstream <select name="upstream"><option>whmcs</option><option>salesforce</option></select></label>
  <label>action <input name="action" placeholder="GetInvoices / query (blank = all)"></label>
  <label>mode <select name="mode"><option>latency</option><option>error</option><option>timeout</option><option>garbage</option><option>rate_limit</option></select></label>
  <label>latency ms <input name="latencyMs" type="number" min="0" max="60000"></label>
  <label>status <input name="status" type="number" min="200" max="599"></label>
  <label>probability <input name="probability" type="number" min="0" max="1" step="0.05"></label>
  <button>Add fault</button> <button type="button" id="clear-faults">Clear all</button>
</form>
<pre id="faults"></pre>

<h2>Webhook deliveries</h2>
<pre id="deliveries"></pre>

<script>
const $ = (s) => document.querySelector(s);
const hook = () => ($('#no-webhook').checked ? '?webhook=false' : '');
const esc = (t) => String(t ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
async function call(method, url, body) {
  const res = await fetch(url, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  $('#msg').textContent = res.ok ? method + ' ' + url + ' -> ' + res.status : 'Error ' + res.status + ': ' + text;
  await refresh();
  return text;
}
async function refresh() {
  const state = await (await fetch('/__admin/state')).json();
  $('#invoices').innerHTML = state.invoices.map((i) => '<tr><td>' + i.id + '</td><td>' + i.userid + '</td><td>' + esc(i.invoicenum) + '</td><td>' + esc(i.status) + '</td><td>' + i.duedate + '</td><td>' + esc(i.total + ' ' + i.currency) + '</td><td>' +
    (i.status === 'Paid' ? '' : '<button data-pay="' + i.id + '">Mark paid</button> <button data-remind="' + i.id + '">Overdue notice</button> <button data-capture="' + i.id + '">Card declined</button>') + '</td></tr>').join('');
  $('#services').innerHTML = state.services.map((s) => '<tr><td>' + s.id + '</td><td>' + s.clientid + '</td><td>' + esc(s.name) + '</td><td>' + esc(s.status) + '</td><td>' +
    s.diskusage + ' / ' + (s.disklimit || '∞') + '</td><td>' + s.bwusage + ' / ' + (s.bwlimit || '∞') + '</td><td>' + esc(s.lastupdate) + '</td></tr>').join('');
  $('#cases').innerHTML = state.cases.map((c) => '<tr><td>' + esc(c.CaseNumber) + '</td><td>' + esc(c.AccountId) + '</td><td>' + esc(c.Subject) + '</td><td>' + esc(c.Status) + '</td><td>' + esc(c.Priority) + '</td><td>' +
    ['New', 'Working', 'Escalated', 'Waiting on Customer', 'Closed'].filter((s) => s !== c.Status).map((s) => '<button data-case="' + esc(c.Id) + '" data-status="' + esc(s) + '">' + esc(s) + '</button>').join(' ') +
    ' <button data-om="' + esc(c.Id) + '">Send Outbound Message</button> <button data-reply="' + esc(c.Id) + '">Agent reply</button></td></tr>').join('');
  $('#faults').innerHTML = state.faults.length ? state.faults.map((f) => esc(JSON.stringify(f)) + ' <button data-fault="' + esc(f.id) + '">remove</button>').join('\\n') : 'none';
  $('#deliveries').textContent = JSON.stringify(state.webhooks, null, 2);
  $('#outbound').checked = state.outboundMessages;
}
document.addEventListener('click', (e) => {
  const t = e.target;
  if (!(t instanceof HTMLElement)) return;
  if (t.dataset.pay) call('POST', '/__admin/whmcs/invoices/' + t.dataset.pay + '/mark-paid' + hook());
  if (t.dataset.remind) call('POST', '/__admin/whmcs/invoices/' + t.dataset.remind + '/payment-reminder' + hook(), { type: 'firstoverdue' });
  if (t.dataset.capture) call('POST', '/__admin/whmcs/invoices/' + t.dataset.capture + '/capture-failed');
  if (t.dataset.case) call('POST', '/__admin/salesforce/cases/' + t.dataset.case + '/status' + hook(), { status: t.dataset.status });
  if (t.dataset.om) call('POST', '/__admin/salesforce/outbound-messages', { caseIds: [t.dataset.om] });
  if (t.dataset.fault) call('DELETE', '/__admin/faults/' + t.dataset.fault);
  if (t.dataset.reply) {
    const body = prompt('Support agent reply (published to the customer):', 'Thanks, we are on it and will update you here.');
    if (body) call('POST', '/__admin/salesforce/cases/' + t.dataset.reply + '/comments' + hook(), { body });
  }
});
$('#reset').onclick = () => call('POST', '/__admin/reset');
$('#advance-usage').onclick = () => call('POST', '/__admin/whmcs/usage/advance', { days: 1 });
$('#outbound').onchange = (e) => call('PUT', '/__admin/salesforce/outbound-messages/settings', { enabled: e.target.checked });
$('#clear-faults').onclick = () => call('DELETE', '/__admin/faults');
$('#new-invoice').onsubmit = (e) => { e.preventDefault(); const f = new FormData(e.target);
  call('POST', '/__admin/whmcs/invoices' + hook(), { userid: Number(f.get('userid')), items: [{ description: f.get('description'), amount: String(f.get('amount')) }], ...(f.get('duedate') ? { duedate: f.get('duedate') } : {}) }); };
$('#new-case').onsubmit = (e) => { e.preventDefault(); const f = new FormData(e.target);
  call('POST', '/__admin/salesforce/cases' + hook(), { accountId: f.get('accountId'), subject: f.get('subject'), priority: f.get('priority') }); };
$('#new-fault').onsubmit = (e) => { e.preventDefault(); const f = new FormData(e.target); const body = { upstream: f.get('upstream'), mode: f.get('mode') };
  if (f.get('action')) body.action = f.get('action');
  for (const k of ['latencyMs', 'status', 'probability']) if (f.get(k)) body[k] = Number(f.get(k));
  call('POST', '/__admin/faults', body); };
refresh();
</script>
</body>
</html>
`;
