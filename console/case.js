// The audit of one case (办件审计): its whole story as recorded, its clock, and the case as a supervisor
// saw it at any past moment (as of). Read through the public API with the signed-in token: personal
// numbers arrive masked, and a case outside the token's reach is not shown.
import { query } from './gql.js';
import { eventName, t, toggleLanguage } from './i18n.js';

const $ = (id) => document.getElementById(id);
const token = sessionStorage.getItem('casetrail.token');
const params = new URLSearchParams(location.hash.slice(1));
const caseId = params.get('case');

function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  return node;
}

const CASE = `query($id: ID!, $asOf: DateTime) {
  case(id: $id, asOf: $asOf) {
    id asOf receiptNo status center window itemCode itemName kind channel handler coverFor
    applicant { name idNumber phone }
    submittedAt acceptedAt completedAt outcome closingReason
    timeLimit {
      startDate dueDate originalDueDate limit unit state workingDaysUsed workingDaysRemaining suspended
      suspensions { reason detail from to workingDaysLeftOut }
      extensions { workingDays reason previousDueDate dueDate }
      urgings { note urgedOn periodEndsOn }
    }
    history { position type occurredAt recordedAt backfilled backfillReason actor { id role } data }
  }
}`;

/** A time as the service's users read it: China time, to the second. */
const chinaTime = (iso) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');

function renderSummary(c) {
  const summary = $('summary');
  summary.replaceChildren();
  const rows = [
    ['status', c.status],
    ['window', c.window],
    ['item', `${c.itemCode}${c.itemName ? ` ${c.itemName}` : ''}`],
    ['handler', c.handler ?? '—'],
    ['applicant', [c.applicant.name, c.applicant.idNumber, c.applicant.phone].filter(Boolean).join(' · ')],
    ['submittedAt', chinaTime(c.submittedAt)],
    ['acceptedAt', chinaTime(c.acceptedAt)],
    ['completedAt', chinaTime(c.completedAt)],
  ];
  const dl = el('dl');
  for (const [key, value] of rows) dl.append(el('dt', t(key)), el('dd', value, { 'data-field': key }));
  summary.append(dl);
  $('receipt').textContent = c.receiptNo;
}

/**
 * The clock as a bar of working days: used, remaining (or over), left out while suspended, and the days
 * extensions added. The numbers come from the service; the bar only draws them.
 */
function renderClock(limit) {
  const bar = $('clock-bar');
  bar.replaceChildren();
  if (!limit) {
    $('clock-text').textContent = t('noClock');
    return;
  }
  const leftOut = limit.suspensions.reduce((a, s) => a + (s.workingDaysLeftOut ?? 0), 0);
  const extended = limit.extensions.reduce((a, e) => a + e.workingDays, 0);
  const used = limit.workingDaysUsed;
  const remaining = Math.max(0, limit.workingDaysRemaining);
  const over = Math.max(0, -limit.workingDaysRemaining);
  const parts = [
    ['used', used],
    ['remaining', remaining],
    ['over', over],
    ['leftOut', leftOut],
    ['extended', extended],
  ].filter(([, n]) => n > 0);
  const total = parts.reduce((a, [, n]) => a + n, 0) || 1;
  for (const [kind, n] of parts) {
    const part = el('span', `${t(kind)} ${n}`, { class: `part ${kind}`, 'data-days': String(n) });
    part.style.flexGrow = String(n / total);
    bar.append(part);
  }
  bar.setAttribute('aria-label', parts.map(([kind, n]) => `${t(kind)} ${n}`).join(', '));
  $('clock-text').textContent = `${t(limit.state)} · ${t('due')} ${limit.dueDate}${
    limit.dueDate !== limit.originalDueDate ? ` (${t('originally')} ${limit.originalDueDate})` : ''
  } · ${t('daysLeft', limit.workingDaysRemaining)}`;
}

function renderTimeline(history) {
  const body = $('timeline').querySelector('tbody');
  body.replaceChildren();
  for (const entry of history) {
    const row = el('tr', undefined, { 'data-type': entry.type, ...(entry.backfilled ? { 'data-backfilled': 'true' } : {}) });
    const details = { ...entry.data };
    row.append(
      el('td', entry.position, { class: 'mono' }),
      el('td', eventName(entry.type), { title: entry.type }),
      el('td', `${entry.actor.id} (${entry.actor.role})`),
      el('td', chinaTime(entry.occurredAt)),
      el('td', `${chinaTime(entry.recordedAt)}${entry.backfilled ? ` · ${t('backfilled')}: ${entry.backfillReason ?? ''}` : ''}`),
      el('td', JSON.stringify(details), { class: 'mono details' }),
    );
    body.append(row);
  }
}

async function show(asOf) {
  if (!token) return message(t('tokenRefused'));
  if (!caseId) return message(t('noCase'));
  try {
    const { case: c } = await query(token, CASE, { id: caseId, asOf });
    if (!c) return message(t(asOf ? 'notYetRecorded' : 'noCase'));
    $('message').hidden = true;
    document.body.dataset.asOf = c.asOf ?? '';
    renderSummary(c);
    renderClock(c.timeLimit);
    renderTimeline(c.history);
    document.body.dataset.shown = String(Date.now());
  } catch (error) {
    message(error.message);
  }
}

function message(text) {
  $('message').textContent = text;
  $('message').hidden = false;
}

function translate() {
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
  $('language').textContent = t('language');
}

/** The as-of field is China time; the API takes an instant. */
function asOfInstant() {
  const value = $('as-of').value;
  return value ? `${value.length === 16 ? `${value}:00` : value}+08:00` : null;
}

$('as-of-form').onsubmit = (e) => {
  e.preventDefault();
  show(asOfInstant());
};
$('now').onclick = () => {
  $('as-of').value = '';
  show(null);
};
$('language').onclick = () => {
  toggleLanguage();
  translate();
  show(asOfInstant());
};
translate();
show(params.get('asOf'));
