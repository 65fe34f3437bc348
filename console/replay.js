// Replay for review (复盘): a center's or one case's events recorded between two instants, stepped
// through forward and back, with the board redrawn as it stood right after each step (every board query
// takes the step's recording time as `asOf`). Read through the public API with the signed-in token:
// `centerReplay` is for a center's leader and the oversight office, `caseReplay` for whoever may read the case.
import { el, loadBoard, renderBoard, resizeChart } from './board-view.js';
import { claimsOf, query } from './gql.js';
import { eventName, t, toggleLanguage } from './i18n.js';

const $ = (id) => document.getElementById(id);
const token = sessionStorage.getItem('casetrail.token');
const params = new URLSearchParams(location.hash.slice(1));
const caseId = params.get('case');
/** More than this is too many to step through one by one: narrow the span. */
const MAX_EVENTS = 2000;

const FIELDS =
  'totalCount pageInfo { hasNextPage endCursor } edges { node { position type caseId occurredAt recordedAt backfilled actor { id role } } }';
const CENTER_REPLAY = `query($center: String!, $from: DateTime!, $to: DateTime!, $after: String) {
  replay: centerReplay(center: $center, from: $from, to: $to, first: 100, after: $after) { ${FIELDS} }
}`;
const CASE_REPLAY = `query($caseId: ID!, $from: DateTime!, $to: DateTime!, $after: String) {
  replay: caseReplay(caseId: $caseId, from: $from, to: $to, first: 100, after: $after) { ${FIELDS} }
}`;

let center = null;
let events = [];
let step = 0;
/** Each redraw is numbered: a slower answer for a step already left is not drawn over a newer one. */
let drawing = 0;

const chinaTime = (iso) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');

/** A datetime-local value (China time) as an instant, and back. */
const instantOf = (value) => `${value.length === 16 ? `${value}:00` : value}+08:00`;
const fieldOf = (date) => new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);

function message(text) {
  $('message').textContent = text;
  $('message').hidden = !text;
}

async function loadEvents(from, to) {
  const found = [];
  let after = null;
  let total = 0;
  do {
    const { replay } = caseId
      ? await query(token, CASE_REPLAY, { caseId, from, to, after })
      : await query(token, CENTER_REPLAY, { center, from, to, after });
    if (!replay) throw new Error(t('noCase'));
    total = replay.totalCount;
    found.push(...replay.edges.map((e) => e.node));
    after = replay.pageInfo.hasNextPage ? replay.pageInfo.endCursor : null;
  } while (after && found.length < MAX_EVENTS);
  return { found, total };
}

function renderEvents() {
  const ol = $('events');
  ol.replaceChildren();
  if (events.length === 0) ol.append(el('li', t('none'), { class: 'none' }));
  events.forEach((e, i) => {
    const li = el('li', undefined, { 'data-type': e.type, 'data-step': String(i) });
    li.append(
      el('time', chinaTime(e.recordedAt)),
      el('span', eventName(e.type), { class: 'type', title: e.type }),
      el('span', e.caseId ?? ''),
      el('span', `${e.actor.id} (${e.actor.role})`),
      el('span', e.backfilled ? `${t('backfilled')} · ${chinaTime(e.occurredAt)}` : ''),
    );
    li.onclick = () => go(i);
    ol.append(li);
  });
}

/** Step `i`: the board as it stood right after event i was recorded. */
async function go(i) {
  if (events.length === 0) return;
  step = Math.max(0, Math.min(events.length - 1, i));
  const e = events[step];
  $('slider').value = String(step);
  $('step-count').textContent = `${step + 1} / ${events.length}`;
  $('current').textContent = `${chinaTime(e.recordedAt)} · ${eventName(e.type)} · ${e.caseId ?? ''} · ${e.actor.id}`;
  for (const li of $('events').children) li.toggleAttribute('data-current', li.dataset.step === String(step));
  $('events').children[step]?.scrollIntoView({ block: 'nearest' });
  const mine = ++drawing;
  try {
    const board = await loadBoard({ token, center, asOf: e.recordedAt });
    if (mine !== drawing) return;
    renderBoard(board);
    document.body.dataset.step = String(step);
    document.body.dataset.asOf = e.recordedAt;
  } catch (error) {
    if (mine === drawing) message(`${error.code ?? ''} ${error.message}`.trim());
  }
}

async function load() {
  message('');
  const from = instantOf($('from').value);
  const to = instantOf($('to').value);
  try {
    const { found, total } = await loadEvents(from, to);
    events = found;
    if (total > found.length) message(t('replayTooMany', found.length, total));
    $('slider').max = String(Math.max(0, events.length - 1));
    renderEvents();
    document.body.dataset.loaded = String(events.length);
    if (events.length === 0) {
      $('step-count').textContent = '0 / 0';
      $('current').textContent = t('replayNothing');
      return;
    }
    await go(0);
  } catch (error) {
    message(`${error.code ?? ''} ${error.message}`.trim());
  }
}

function translate() {
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
  $('language').textContent = t('language');
}

async function start() {
  if (!token) return message(t('tokenRefused'));
  const claims = claimsOf(token);
  if (caseId) {
    const { case: c } = await query(token, 'query($id: ID!) { case(id: $id) { center receiptNo submittedAt } }', { id: caseId });
    if (!c) return message(t('noCase'));
    center = c.center;
    $('scope').textContent = c.receiptNo;
    // Its whole record by default: nothing of it was recorded before it was submitted.
    if (!params.get('from')) params.set('from', c.submittedAt);
  } else {
    center = params.get('center') ?? claims.center ?? claims.centers?.[0];
    $('scope').textContent = center;
  }
  // By default, today so far (China time), or a case's whole record; a link may name the span.
  const now = new Date();
  $('from').value = params.get('from') ? fieldOf(new Date(params.get('from'))) : `${fieldOf(now).slice(0, 10)}T00:00:00`;
  $('to').value = fieldOf(params.get('to') ? new Date(params.get('to')) : now);
  await load();
}

$('span-form').onsubmit = (e) => {
  e.preventDefault();
  load();
};
$('first').onclick = () => go(0);
$('back').onclick = () => go(step - 1);
$('forward').onclick = () => go(step + 1);
$('last').onclick = () => go(events.length - 1);
$('slider').oninput = () => go(Number($('slider').value));
document.addEventListener('keydown', (e) => {
  if (e.target instanceof HTMLInputElement && e.target.type !== 'range') return;
  if (e.key === 'ArrowLeft') go(step - 1);
  if (e.key === 'ArrowRight') go(step + 1);
});
$('language').onclick = () => {
  toggleLanguage();
  translate();
  renderEvents();
  go(step);
};
window.addEventListener('resize', resizeChart);
translate();
start().catch((error) => message(error.message));
