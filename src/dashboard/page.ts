// The dashboard page: one HTML document with its style and script inline (nothing fetched from
// anywhere but this server), light and dark after the system's setting, usable with the keyboard.
// Everything from the store is put on the page as text (textContent), never as markup: a peer
// session writes those records, and a hostile one must not be able to script the page.
import { applyWire } from './view.js';

const STYLE = `
:root { color-scheme: light dark; --bg:#f7f7f5; --fg:#1d1d1f; --muted:#5f6368; --card:#fff; --line:#d9d9d6;
  --accent:#0b57d0; --bad:#b3261e; --bad-bg:#fce8e6; --ok:#137333; --warn:#8a5a00; --warn-bg:#fef3d6; --cell:#e8f0fe; --focus:#0b57d0; }
@media (prefers-color-scheme: dark) { :root { --bg:#131314; --fg:#e3e3e3; --muted:#a8abb0; --card:#1e1f20; --line:#3c3d3f;
  --accent:#8ab4f8; --bad:#f2b8b5; --bad-bg:#5c1a16; --ok:#81c995; --warn:#fdd663; --warn-bg:#4a3c00; --cell:#1f3350; --focus:#8ab4f8; } }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background:var(--bg); color:var(--fg); }
header { display:flex; flex-wrap:wrap; gap:.5rem 1.25rem; align-items:center; padding:.6rem 1.2rem; border-bottom:1px solid var(--line); background:var(--card); position:sticky; top:0; z-index:1; }
header h1 { font-size:1.05rem; margin:0; }
nav a, .scope a { color:var(--accent); margin-right:.8rem; }
.scope [aria-current] { font-weight:700; color:var(--fg); text-decoration:none; }
#live { margin-left:auto; font-size:.85rem; color:var(--muted); }
#live.on::before { content:"\\25CF "; color:var(--ok); }
#live.off::before { content:"\\25CF "; color:var(--bad); }
main { padding:1rem 1.2rem 3rem; display:grid; gap:1.2rem; grid-template-columns:minmax(0,1fr); max-width:1500px; }
@media (min-width: 1100px) { main { grid-template-columns:minmax(0,3fr) minmax(0,2fr); } #sessions, #map { grid-column:1 / -1; } }
section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:.8rem 1rem; min-width:0; }
h2 { font-size:1rem; margin:.1rem 0 .6rem; }
h2:focus { outline:none; }
.empty { color:var(--muted); font-style:italic; }
.scroll { overflow-x:auto; }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:.3rem .5rem; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-weight:600; color:var(--muted); font-size:.82rem; white-space:nowrap; }
td.num { text-align:right; font-variant-numeric:tabular-nums; }
.badge { display:inline-block; padding:0 .4rem; border-radius:1rem; font-size:.78rem; border:1px solid var(--line); white-space:nowrap; }
.busy { color:var(--warn); border-color:var(--warn); }
.idle { color:var(--ok); border-color:var(--ok); }
.hot { color:var(--bad); font-weight:700; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size:.85rem; }
.folder th { background:var(--bg); color:var(--fg); font-family: ui-monospace, monospace; font-size:.8rem; }
td.cell { background:var(--cell); min-width:7rem; }
td.cell.conflict { background:var(--bad-bg); outline:2px solid var(--bad); outline-offset:-2px; }
td.none { min-width:7rem; }
.sym { display:inline-block; margin:0 .3rem .1rem 0; }
.sym.contested { color:var(--bad); font-weight:700; }
a.conflict-link { color:var(--bad); font-weight:700; display:inline-block; margin-top:.15rem; }
ul.plain { list-style:none; margin:0; padding:0; }
ul.plain > li { padding:.5rem 0; border-bottom:1px solid var(--line); }
ul.plain > li:last-child { border-bottom:0; }
li.conflict:target { background:var(--bad-bg); }
.level { font-weight:700; color:var(--bad); }
.handled { opacity:.6; }
.handled .level { color:var(--muted); }
.msg-text { white-space:pre-wrap; overflow-wrap:anywhere; margin:.3rem 0 0; }
.muted { color:var(--muted); font-size:.85rem; }
.pending { color:var(--warn); }
.delivered { color:var(--ok); }
.bars { display:grid; grid-template-columns:repeat(12, 1fr); gap:2px; align-items:end; height:2rem; min-width:12rem; }
.bar { background:var(--accent); min-height:1px; border-radius:2px 2px 0 0; }
.bar.zero { background:var(--line); }
button, select, textarea { font:inherit; color:inherit; background:var(--bg); border:1px solid var(--line); border-radius:6px; padding:.3rem .6rem; }
button { cursor:pointer; }
textarea { width:100%; min-height:4rem; }
form.send { display:grid; gap:.4rem; margin:.2rem 0 .8rem; }
form.send .row { display:flex; gap:.5rem; align-items:center; }
#action-status { min-height:1.2em; }
:focus-visible { outline:3px solid var(--focus); outline-offset:2px; }
.skip { position:absolute; left:-999px; }
.skip:focus { left:1rem; top:.5rem; z-index:2; background:var(--card); padding:.3rem .6rem; }
kbd { font-family:inherit; border:1px solid var(--line); border-radius:3px; padding:0 .25rem; font-size:.7rem; color:var(--muted); font-weight:400; vertical-align:middle; }
`;

// Client: EventSource for the data, plain DOM for the page. Kept dependency-free on purpose. The
// decoder of updates is view.ts's applyWire itself, embedded as source: one decoder, tested once.
const SCRIPT = `
'use strict';
const applyWire = ${applyWire.toString()};
let parts = {};
const params = new URLSearchParams(location.search);
const scope = params.get('scope') === 'all' ? 'all' : 'project';
let state = null;
let skew = 0;
const $ = (id) => document.getElementById(id);

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const k of kids.flat(Infinity)) if (k !== null && k !== undefined && k !== false) el.append(k instanceof Node ? k : String(k));
  return el;
}

function age(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return s + 's';
  if (s < 3600) return Math.round(s / 60) + 'm';
  if (s < 86400) return Math.round(s / 3600) + 'h';
  return Math.round(s / 86400) + 'd';
}
const now = () => Date.now() - skew;
const clock = (t) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Replace a section's body, keeping the focus on the same control when it is still there. */
function fill(id, ...nodes) {
  const box = $(id + '-body');
  const focused = document.activeElement && box.contains(document.activeElement) ? document.activeElement.getAttribute('data-key') : null;
  box.replaceChildren(...nodes);
  if (focused) { const again = box.querySelector('[data-key="' + CSS.escape(focused) + '"]'); if (again) again.focus(); }
}

function renderSessions() {
  const rows = state.sessions;
  if (!rows.length) return fill('sessions', h('p', { class: 'empty', text: 'No live Claude Code session ' + (scope === 'all' ? 'on this machine.' : 'in this repository.') }));
  fill('sessions', h('div', { class: 'scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, ['Session', 'Project', 'Machine', 'Branch / worktree', 'Task', 'State', 'Age', 'Open files', 'Conflicts', 'Unread'].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, rows.map((s) => h('tr', { 'data-session': s.id },
      h('td', {}, h('span', { class: 'mono', text: s.label })),
      h('td', { text: s.project }),
      h('td', { text: s.remote ? s.machine + ' (remote)' : s.machine }),
      h('td', {}, h('div', { text: s.branch || '(no branch)' }), h('div', { class: 'muted mono', text: s.worktree })),
      h('td', { text: s.task || '-' }),
      h('td', {}, s.state ? h('span', { class: 'badge ' + (s.state === 'busy' ? 'busy' : 'idle'), text: s.state }) : '-'),
      h('td', { class: 'num', 'data-started': s.startedAt || '', text: s.startedAt ? age(now() - s.startedAt) : '-' }),
      h('td', { class: 'num', text: s.openFiles }),
      h('td', { class: 'num' + (s.conflicts ? ' hot' : ''), text: s.conflicts }),
      h('td', { class: 'num' + (s.unread ? ' hot' : ''), text: s.unread }),
    ))),
  )));
}

function renderMap() {
  const m = state.map;
  const label = new Map(state.sessions.map((s) => [s.id, s]));
  if (!m.folders.length) return fill('map', h('p', { class: 'empty', text: 'No uncommitted edits recorded by the live sessions.' }));
  const head = h('tr', {}, h('th', { scope: 'col', text: 'File' }), m.columns.map((c) => h('th', { scope: 'col', class: 'mono', title: label.get(c)?.label, text: label.get(c)?.short || c })));
  const body = [];
  for (const f of m.folders) {
    body.push(h('tr', { class: 'folder' }, h('th', { colspan: m.columns.length + 1, scope: 'rowgroup', text: f.folder + '/' })));
    for (const file of f.files) {
      const cells = new Map(file.cells.map((c) => [c.session, c]));
      body.push(h('tr', { 'data-file': file.file },
        h('th', { scope: 'row', class: 'mono', title: file.file, text: file.name }),
        m.columns.map((col) => {
          const c = cells.get(col);
          if (!c) return h('td', { class: 'none' });
          const hot = c.conflicts.length > 0;
          const open = state.conflicts.filter((x) => c.conflicts.includes(x.id) && !x.handled);
          return h('td', { class: 'cell' + (open.length ? ' conflict' : ''), 'data-session': col, 'data-conflict': open.length ? 'yes' : null },
            c.symbols === null ? h('span', { class: 'sym' + (open.length ? ' contested' : ''), text: '(whole file)' }) : c.symbols.slice(0, 12).map((s) => h('span', { class: 'sym mono' + (c.contested.includes(s) ? ' contested' : ''), text: s })),
            c.symbols && c.symbols.length > 12 ? h('span', { class: 'muted', text: '+' + (c.symbols.length - 12) }) : null,
            hot ? h('div', {}, c.conflicts.map((id) => {
              const x = state.conflicts.find((k) => k.id === id);
              return h('a', { class: 'conflict-link', href: '#' + id, 'data-key': 'm-' + id + '-' + col, text: x && x.handled ? 'handled' : (x && x.level === 'merge-risk' ? 'merge risk' : x && x.level === 'remote' ? 'across machines' : 'conflict') });
            })) : null);
        })));
    }
  }
  fill('map', h('div', { class: 'scroll' }, h('table', { class: 'map' }, h('thead', {}, head), h('tbody', {}, body))));
}

async function post(path, body) {
  const status = $('action-status');
  status.textContent = 'Working…';
  try {
    const r = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
    const j = await r.json().catch(() => ({ error: r.statusText }));
    status.textContent = j.ok ? j.text : 'Refused: ' + (j.error || r.status);
    return !!j.ok;
  } catch (e) { status.textContent = 'Failed: ' + e.message; return false; }
}

function renderConflicts() {
  const list = state.conflicts;
  if (!list.length) return fill('conflicts', h('p', { class: 'empty', text: 'No two live sessions have open edits of the same code.' }));
  fill('conflicts', h('ul', { class: 'plain' }, list.map((c) => h('li', { id: c.id, class: 'conflict' + (c.handled ? ' handled' : ''), tabindex: '-1', 'data-level': c.level },
    h('div', {}, h('span', { class: 'level', text: c.handled ? 'handled' : c.level === 'merge-risk' ? 'MERGE RISK' : c.level === 'remote' ? 'CONFLICT ACROSS MACHINES' : 'CONFLICT' }), ' in ', h('span', { class: 'mono', text: c.file }),
      c.symbols.length ? [': ', c.symbols.map((s, i) => [i ? ', ' : '', h('code', { text: s })])] : c.level === 'file' ? ' (whole file)' : ''),
    h('div', { class: 'muted' }, 'between ', c.labels.map((l, i) => [i ? (i === c.labels.length - 1 ? ' and ' : ', ') : '', h('span', { class: 'mono', text: l })]),
      ', since ' + clock(c.since) + (c.level === 'merge-risk' ? ' (different worktrees: they meet at merge time)' : c.level === 'remote' ? ' (different machines: they meet at merge time)' : '') + (state.meta.scope === 'all' ? ' · ' + c.project : '')),
    state.meta.actions && !c.handled && c.level !== 'merge-risk' && c.level !== 'remote' ? h('button', { type: 'button', 'data-key': 'resolve-' + c.id, onclick: () => post('/api/resolve', { conflict: c.id }), text: c.sessions.length > 2 ? 'Mark handled for these ' + c.sessions.length + ' sessions' : 'Mark handled for both sessions' }) : null,
  ))));
}

function renderMessages() {
  const list = state.messages;
  const form = $('send-form');
  if (form) {
    form.hidden = !state.meta.actions;
    const sel = $('send-to');
    const keep = sel.value;
    sel.replaceChildren(h('option', { value: 'all', text: 'every session' }), ...state.sessions.map((s) => h('option', { value: s.id, text: s.label })));
    if ([...sel.options].some((o) => o.value === keep)) sel.value = keep;
  }
  if (!list.length) return fill('messages', h('p', { class: 'empty', text: 'No messages between the live sessions.' }));
  fill('messages', h('ul', { class: 'plain' }, list.map((m) => h('li', { 'data-message': m.id },
    h('div', {}, h('strong', { class: 'mono', text: m.fromLabel }), ' → ', h('span', { class: 'mono', text: m.to === 'all' ? 'all' : m.to }), ' ',
      h('span', { class: 'muted', title: new Date(m.sentAt).toISOString(), text: clock(m.sentAt) })),
    h('div', { class: 'muted' }, m.recipients.map((r, i) => [i ? ' · ' : '', h('span', { class: r.delivered ? 'delivered' : 'pending', text: r.label + (r.delivered ? ': delivered' : ': not yet delivered') })])),
    h('p', { class: 'msg-text', text: m.text + (m.truncated ? ' […]' : '') }),
  ))));
}

function renderTimeline() {
  const t = state.timeline;
  const max = Math.max(1, ...t.rows.flatMap((r) => r.counts));
  const rows = t.rows.map((r) => h('tr', {},
    h('th', { scope: 'row', class: 'mono', text: r.label }),
    h('td', {}, h('div', { class: 'bars', role: 'img', 'aria-label': r.counts.reduce((a, b) => a + b, 0) + ' edits in the last hour' },
      r.counts.map((n, i) => h('div', { class: 'bar' + (n ? '' : ' zero'), style: null, title: clock(t.start + i * t.bucketMs) + ': ' + n + ' edit(s)', 'data-h': Math.round((n / max) * 100) })))),
    h('td', { class: 'num', text: r.counts.reduce((a, b) => a + b, 0) })));
  const events = t.events.map((e) => h('li', {}, h('span', { class: 'muted', text: clock(e.at) + ' ' }),
    h('span', { class: e.kind === 'raised' ? 'level' : 'delivered', text: e.kind === 'raised' ? 'conflict raised' : 'marked handled' }), ' ', h('span', { class: 'mono', text: e.file })));
  fill('timeline',
    rows.length ? h('table', {}, h('thead', {}, h('tr', {}, h('th', { text: 'Session' }), h('th', { text: 'Edits, last hour (5-minute steps)' }), h('th', { text: 'Total' }))), h('tbody', {}, rows)) : h('p', { class: 'empty', text: 'No sessions.' }),
    h('h3', { class: 'muted', text: 'Conflicts raised and handled' }),
    events.length ? h('ul', { class: 'plain' }, events) : h('p', { class: 'empty', text: 'None in the last hour.' }));
  // Heights through the CSSOM: the page's policy allows no inline style attributes.
  for (const b of document.querySelectorAll('#timeline-body .bar')) b.style.height = Math.max(2, Number(b.getAttribute('data-h'))) + '%';
}

function renderMeta() {
  const m = state.meta;
  $('project').textContent = m.scope === 'all' ? 'every project on this machine' : m.project;
  document.title = 'context-sync · ' + (m.scope === 'all' ? 'all projects' : m.project);
  $('mode').textContent = m.actions ? 'actions allowed' : 'read-only';
}

const renderers = { meta: renderMeta, sessions: renderSessions, map: renderMap, conflicts: renderConflicts, messages: renderMessages, timeline: renderTimeline };
function render(keys) {
  // The map and the conflict list show each other's state: redraw both when either changes.
  const set = new Set(keys);
  if (set.has('conflicts') || set.has('sessions')) set.add('map');
  if (set.has('sessions')) set.add('messages');
  for (const k of Object.keys(renderers)) if (set.has(k)) renderers[k]();
  $('updated').textContent = 'updated ' + clock(Date.now());
}

function connect() {
  const es = new EventSource('/events' + (scope === 'all' ? '?scope=all' : ''));
  const take = (e) => {
    const u = JSON.parse(e.data);
    if (!u) return;
    const r = applyWire(parts, u);
    parts = r.parts;
    state = r.state;
    if (u.set.meta) skew = Date.now() - u.set.meta.now;
    if (state.meta) render(r.sections);
  };
  es.addEventListener('full', take);
  es.addEventListener('update', take);
  es.onopen = () => { $('live').className = 'on'; $('live').textContent = 'live'; };
  es.onerror = () => { $('live').className = 'off'; $('live').textContent = 'reconnecting… (reload with the printed URL if the dashboard restarted)'; };
}

setInterval(() => { for (const td of document.querySelectorAll('[data-started]')) { const s = Number(td.getAttribute('data-started')); if (s) td.textContent = age(now() - s); } }, 15000);

document.addEventListener('keydown', (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey || /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)) return;
  const go = { '1': 'sessions', '2': 'map', '3': 'conflicts', '4': 'messages', '5': 'timeline' }[e.key];
  if (go) { e.preventDefault(); $(go + '-title').focus(); $(go).scrollIntoView({ block: 'start' }); }
});

$('send-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = $('send-text').value;
  if (await post('/api/send', { to: $('send-to').value, text })) $('send-text').value = '';
});

for (const a of document.querySelectorAll('.scope a')) if (a.getAttribute('data-scope') === scope) a.setAttribute('aria-current', 'page');
connect();
`;

export function pageHtml(nonce: string): string {
  const section = (id: string, title: string, key: string, extra = '') =>
    `<section id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title" tabindex="-1">${title} <kbd title="keyboard: press ${key} to come here" aria-hidden="true">${key}</kbd></h2>${extra}<div id="${id}-body" aria-live="polite"><p class="empty">Loading…</p></div></section>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>context-sync</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<a class="skip" href="#map">Skip to the map of the work</a>
<header>
  <h1>context-sync · <span id="project"></span></h1>
  <span class="scope"><a href="/" data-scope="project">This repository</a><a href="/?scope=all" data-scope="all">Every project</a></span>
  <nav aria-label="Sections"><a href="#sessions">Sessions</a><a href="#map">Map</a><a href="#conflicts">Conflicts</a><a href="#messages">Messages</a><a href="#timeline">Timeline</a></nav>
  <span class="muted" id="mode"></span>
  <span id="live" role="status">connecting…</span>
  <span class="muted" id="updated"></span>
</header>
<main>
${section('sessions', 'Sessions', '1')}
${section('map', 'Uncommitted work: files × sessions', '2')}
${section('conflicts', 'Where sessions meet', '3')}
${section(
  'messages',
  'Messages',
  '4',
  `<form class="send" id="send-form" hidden><label for="send-text">Send a message as the dashboard</label><div class="row"><label for="send-to">to</label><select id="send-to"></select><button type="submit">Send</button></div><textarea id="send-text" maxlength="65536" required></textarea></form><p class="muted" id="action-status" role="status"></p>`,
)}
${section('timeline', 'The last hour', '5')}
</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}
