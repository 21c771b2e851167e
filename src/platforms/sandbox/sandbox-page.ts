// The sandbox's one page: a chat channel in the browser, labelled as local. Script and style inline; the
// CJK font and the favicon come from sandbox-assets.ts. Usable on a phone (390 px) without sideways scrolling.
import { escapeHtml } from './html.renderer.ts';
import { FAVICON_PATH, fontFaceCss, SANDBOX_FONT_FAMILY } from './sandbox-assets.ts';

const STYLE = `
${fontFaceCss()}
:root { --ink:#1d2b28; --muted:#5f6f6b; --line:#dfe6e4; --brand:#1f6f5c; --bg:#f6f8f7; --warn:#b7791f; --bad:#c53030; --ok:#2f855a;
  --cjk: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "${SANDBOX_FONT_FAMILY}";
  --mono: ui-monospace, Menlo, Consolas, var(--cjk), monospace; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; } button, input { font-family: inherit; }
body { margin:0; font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", var(--cjk), sans-serif; color:var(--ink); background:var(--bg); overflow-wrap: anywhere; }
header { display:flex; align-items:center; gap:12px; padding:12px 20px; background:#fff; border-bottom:1px solid var(--line); }
header h1 { font-size:18px; margin:0; } header .badge { background:#fff4e5; color:#8a5a00; border:1px solid #f3d19e; border-radius:12px; padding:2px 10px; font-size:12px; }
header .spacer { flex:1; } header button { border:1px solid var(--brand); background:var(--brand); color:#fff; border-radius:6px; padding:6px 12px; cursor:pointer; }
main { max-width: 980px; margin: 0 auto; padding: 16px 20px 140px; }
.msg { margin: 14px 0; } .msg .who { font-size:12px; color:var(--muted); margin-bottom:4px; }
.msg.user .bubble { display:inline-block; max-width:100%; background:#e6f2ef; border-radius:10px; padding:6px 12px; font-family: var(--mono); }
.msg.thread { margin-left: 32px; border-left: 3px solid #d0d7de; padding-left: 10px; }
.card { background:#fff; border:1px solid var(--line); border-left:4px solid var(--brand); border-radius:8px; padding:10px 14px; overflow-x:auto; }
.card.severity-warning { border-left-color: var(--warn); } .card.severity-critical { border-left-color: var(--bad); } .card.severity-ok { border-left-color: var(--ok); }
.card.ephemeral { border-style: dashed; } .card.ephemeral::before { content: attr(data-ephemeral); display:block; font-size:11px; color:var(--muted); }
.card h3 { margin: 2px 0 8px; font-size: 16px; } .card p { margin: 6px 0; } .card .context { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; margin: 6px 0; font-variant-numeric: tabular-nums; } caption { text-align:left; font-weight:600; padding: 4px 0; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; } th { text-align:left; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; } tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
dl.fields { display:grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 8px 16px; margin: 6px 0; } dl.fields dt { color: var(--muted); font-size: 12px; } dl.fields dd { margin: 0; }
figure { margin: 8px 0; } figure img { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; } figcaption { font-size: 12px; color: var(--muted); }
code { background:#f0f3f2; border-radius:4px; padding:0 4px; font-family: var(--mono); } .mention { color: var(--brand); font-weight:600; }
.actions { margin-top: 8px; display:flex; gap:8px; } .actions button { border:1px solid var(--line); background:#fff; border-radius:6px; padding:4px 12px; cursor:pointer; }
form.answer-form { position: static; border:0; background:none; padding:0; margin-top: 8px; display:grid; gap:6px; } form.answer-form h4, form.answer-form p { margin: 0; } form.answer-form label { display:grid; gap:4px; } form.answer-form textarea, form.answer-form input { font: inherit; padding:6px; border:1px solid var(--line); border-radius:6px; }
.actions button.primary { background: var(--brand); color:#fff; border-color: var(--brand); } .actions button.danger { color: var(--bad); border-color: var(--bad); }
form { position: fixed; left:0; right:0; bottom:0; background:#fff; border-top:1px solid var(--line); padding: 10px 20px 14px; }
form .row { max-width: 980px; margin: 0 auto; display:flex; gap:8px; } form input { flex:1; min-width:0; font: inherit; padding: 8px 12px; border:1px solid var(--line); border-radius:8px; }
form button { border:0; background: var(--brand); color:#fff; border-radius: 8px; padding: 8px 16px; cursor:pointer; }
.chips { max-width: 980px; margin: 0 auto 8px; display:flex; gap:6px; flex-wrap: wrap; } .chips button { border:1px solid var(--line); background:#fff; color: var(--ink); border-radius: 14px; padding: 2px 10px; cursor:pointer; font-family: var(--mono); font-size: 13px; }
.error { color: var(--bad); }
/* A phone: the header wraps, the example chips scroll sideways inside their own row, tables inside their card. */
@media (max-width: 640px) {
  header { flex-wrap: wrap; gap: 6px 10px; padding: 10px 12px; } header .badge { order: 3; flex-basis: 100%; text-align: center; }
  main { padding: 10px 10px 170px; } .card { padding: 8px 10px; } .msg.thread { margin-left: 12px; }
  form { padding: 8px 10px 10px; } .chips { flex-wrap: nowrap; overflow-x: auto; padding-bottom: 2px; } .chips button { flex: none; }
  dl.fields { grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); } .actions { flex-wrap: wrap; }
}
`;

const SCRIPT = `
const log = document.getElementById('log');
const input = document.getElementById('text');
function add(html, who, cls) {
  const el = document.createElement('div');
  el.className = 'msg ' + cls;
  el.innerHTML = '<div class="who"></div>' + html;
  el.querySelector('.who').textContent = who;
  log.appendChild(el);
  el.scrollIntoView({ block: 'end' });
  return el;
}
async function call(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.message || res.statusText);
  return data;
}
async function send(text) {
  text = text.trim();
  if (!text) return;
  const bubble = document.createElement('span'); bubble.className = 'bubble'; bubble.textContent = text;
  add(bubble.outerHTML, document.body.dataset.you, 'user');
  try { const data = await call('/sandbox/command', { text }); add(data.html, 'Growthbeat', 'bot'); }
  catch (e) { add('<p class="error"></p>', 'Growthbeat', 'bot').querySelector('.error').textContent = e.message; }
}
document.querySelector('form').addEventListener('submit', (e) => { e.preventDefault(); send(input.value); input.value = ''; });
document.querySelectorAll('.chips button').forEach((b) => b.addEventListener('click', () => send(b.dataset.text)));
log.addEventListener('click', async (e) => {
  const button = e.target.closest('button.action');
  if (!button) return;
  const message = button.closest('.msg');
  try {
    const data = await call('/sandbox/action', { actionId: button.dataset.actionId, value: button.dataset.value });
    if (data.replace) { message.innerHTML = '<div class="who">Growthbeat</div>' + data.html; } else add(data.html, 'Growthbeat', 'bot');
  } catch (err) { add('<p class="error"></p>', 'Growthbeat', 'bot').querySelector('.error').textContent = err.message; }
});
// A button's form (the check-in's answer): submitted as the form's action with its carried value and the fields.
log.addEventListener('submit', async (e) => {
  const form = e.target.closest('form.answer-form');
  if (!form) return;
  e.preventDefault();
  const fields = Object.fromEntries(new FormData(form).entries());
  try {
    const data = await call('/sandbox/action', { actionId: form.dataset.formId, value: JSON.stringify({ ...JSON.parse(form.dataset.value), fields }) });
    const answer = document.createElement('div'); answer.innerHTML = data.html; form.replaceWith(answer);
  } catch (err) { add('<p class="error"></p>', 'Growthbeat', 'bot').querySelector('.error').textContent = err.message; }
});
// What the outbox delivered here (alerts, their updates and thread replies) arrives by polling.
let feedSeq = 0;
async function poll() {
  try {
    const res = await fetch('/sandbox/feed?after=' + feedSeq);
    const data = await res.json();
    for (const m of data.messages) {
      const existing = log.querySelector('[data-feed-id="' + m.id + '"]');
      if (existing) { existing.innerHTML = '<div class="who">Growthbeat</div>' + m.html; continue; }
      const el = add(m.html, m.threadOf ? 'Growthbeat ↳' : 'Growthbeat', m.threadOf ? 'bot thread' : 'bot');
      el.dataset.feedId = m.id;
    }
    feedSeq = data.seq;
  } catch (e) { /* the server restarted or stopped: try again */ }
  setTimeout(poll, 1500);
}
poll();
document.getElementById('demo').addEventListener('click', async (e) => {
  e.target.disabled = true;
  try { const data = await call('/sandbox/demo', {}); add(data.html, 'Growthbeat', 'bot'); }
  catch (err) { add('<p class="error"></p>', 'Growthbeat', 'bot').querySelector('.error').textContent = err.message; }
  finally { e.target.disabled = false; }
});
`;

export interface PageText {
  lang: string;
  title: string;
  badge: string;
  demo: string;
  placeholder: string;
  send: string;
  you: string;
  ephemeral: string;
  welcome: string;
}

/** The page; `welcome` is already-rendered HTML from the view renderer. */
export function sandboxPage(text: PageText): string {
  const chips = [
    '/roi',
    '/roi 抖音 近7天',
    '/retention',
    '/retention d1',
    '/kpi show 获客成本',
    '/kpi list',
    '/growth digest preview',
    '/growth members',
    '/alerts playbook on',
    '/alerts',
    '/growth help',
  ];
  return `<!doctype html>
<html lang="${escapeHtml(text.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(text.title)}</title><link rel="icon" type="image/svg+xml" href="${FAVICON_PATH}"><style>${STYLE}.card.ephemeral::before{content:${JSON.stringify(text.ephemeral)};}</style></head>
<body data-you="${escapeHtml(text.you)}">
<header><h1>Growthbeat</h1><span class="badge">${escapeHtml(text.badge)}</span><span class="spacer"></span><button id="demo" type="button">${escapeHtml(text.demo)}</button></header>
<main id="log"><div class="msg bot"><div class="who">Growthbeat</div>${text.welcome}</div></main>
<form autocomplete="off"><div class="chips">${chips.map((c) => `<button type="button" data-text="${escapeHtml(c)}">${escapeHtml(c)}</button>`).join('')}</div>
<div class="row"><input id="text" name="text" placeholder="${escapeHtml(text.placeholder)}" autofocus><button type="submit">${escapeHtml(text.send)}</button></div></form>
<script>${SCRIPT}</script></body></html>`;
}
