// The audit of one case (办件审计): its whole story as recorded, each step's place in the audit chain, its
// clock, its GB/T 39046 records, and the case as a supervisor saw it at any past moment (as of). Read
// through the public API with the signed-in token: personal numbers arrive masked, the full numbers only
// through the recorded reveal, and a case outside the token's reach is not shown.
import { query } from './gql.js';
import { eventName, lang, t, toggleLanguage } from './i18n.js';

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
    history { position type label summary occurredAt recordedAt backfilled backfillReason actor { id role } data }
    participants { window department reviewLimit required dueDate state workingDaysUsed workingDaysRemaining opinion { opinion reasons conditions by on late workingDaysOver } }
    escalations { authority carriedBy sentOn returnedOn decision transmittal { formNo } }
    centerTime { workingDaysUsed limit state }
  }
}`;

const CHAIN = `query($id: ID!) {
  caseChain(caseId: $id) {
    ok sealed problem detail keyId checkedAt checkpoint { upTo events signedAt }
    events { position hash status }
  }
}`;

const RECORDS = `query($id: ID!) {
  exchangeRecords(caseId: $id) {
    acceptance { caseNo itemCode itemName acceptingUnit department acceptedBy acceptedAt promisedBy caseTypeCode }
    steps { action step handledBy opinion startedAt endedAt status late }
    specialProcedures { kind name startedAt endedAt reason result }
    completion { completedAt result completedBy onTime deliveredAt deliveryMethod }
    evaluations { satisfaction channel stage ratedAt setAside }
    supervision { content ruleCode warningType occurredAt result responsibleDepartment }
  }
}`;

const REVEAL = `mutation($input: RevealPersonalDataInput!) {
  revealPersonalData(input: $input) { name idNumber phone readId }
}`;

/** A time as the service's users read it: China time, to the second. */
const chinaTime = (iso) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');

function renderSummary(c) {
  const summary = $('summary');
  summary.replaceChildren();
  const rows = [
    ['status', t(`status.${c.status}`)],
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

/** Each step: what, who, when (business and recorded), the sentence the file gives it, and its place in the chain. */
function renderTimeline(history, chain) {
  const body = $('timeline').querySelector('tbody');
  body.replaceChildren();
  const links = new Map((chain?.events ?? []).map((e) => [e.position, e]));
  for (const entry of history) {
    const row = el('tr', undefined, { 'data-type': entry.type, ...(entry.backfilled ? { 'data-backfilled': 'true' } : {}) });
    const link = links.get(entry.position);
    const status = link?.status ?? 'UNCHECKED';
    const details = el('td', undefined, { class: 'details' });
    if (entry.summary) details.append(el('span', entry.summary, { class: 'summary' }));
    // The record as stored (personal numbers masked), for what the sentence leaves out.
    const recorded = el('details');
    recorded.append(el('summary', t('recorded')), el('pre', JSON.stringify(entry.data, null, 1), { class: 'mono' }));
    details.append(recorded);
    row.append(
      el('td', entry.position, { class: 'mono' }),
      el('td', lang === 'zh' ? (entry.label ?? eventName(entry.type)) : entry.type, { title: entry.type }),
      el('td', `${entry.actor.id} (${entry.actor.role})`),
      el('td', chinaTime(entry.occurredAt)),
      el('td', `${chinaTime(entry.recordedAt)}${entry.backfilled ? ` · ${t('backfilled')}: ${entry.backfillReason ?? ''}` : ''}`),
      details,
      el('td', t(`chain.${status}`), { class: `chain ${status}`, 'data-chain': status, title: link?.hash ?? '' }),
    );
    body.append(row);
  }
}

/** The chain's verdict on the whole case, in a sentence: sealed how far, by which key, or what failed. */
function renderChain(chain) {
  const line = $('chain-text');
  if (!chain) {
    line.textContent = t('chainUnavailable');
    line.dataset.ok = '';
    return;
  }
  line.dataset.ok = String(chain.ok);
  line.textContent = chain.ok
    ? t('chainOk', chain.sealed, chain.events.length, chain.keyId, chain.checkpoint && chinaTime(chain.checkpoint.signedAt))
    : t('chainBroken', chain.problem, chain.detail);
}

const cell = (value) =>
  value === null || value === undefined ? '—' : typeof value === 'boolean' ? t(value ? 'yes' : 'no') : String(value);

/**
 * 联办件: each participating window's review (its due date, state, and opinion); 上报件: each trip to the
 * higher authority and the center's own time. The panel is hidden for a case that has neither.
 */
function renderShared(c) {
  const panel = $('shared');
  panel.replaceChildren();
  const reviews = c.participants ?? [];
  const trips = c.escalations ?? [];
  $('shared-panel').hidden = reviews.length === 0 && trips.length === 0 && !c.centerTime;
  if (reviews.length > 0) {
    const table = el('table', undefined, { class: 'records', id: 'reviews' });
    const head = el('tr');
    for (const key of ['gbt.department', 'reviewDue', 'status', 'reviewOpinion']) head.append(el('th', t(key)));
    table.append(head);
    for (const p of reviews) {
      const tr = el('tr', undefined, { 'data-window': p.window, 'data-state': p.state });
      const opinion = p.opinion
        ? `${t(`opinion.${p.opinion.opinion}`)}${p.opinion.reasons ? `：${p.opinion.reasons}` : ''}${p.opinion.conditions.length ? `（${p.opinion.conditions.join('、')}）` : ''} · ${p.opinion.by} · ${p.opinion.on}`
        : '—';
      tr.append(
        el('td', `${p.department} (${p.window})${p.required ? '' : ` · ${t('advisory')}`}`),
        el('td', `${p.dueDate} · ${t('daysLeft', p.workingDaysRemaining)}`),
        el('td', t(`review.${p.state}`), { class: `state ${p.state}` }),
        el('td', opinion),
      );
      table.append(tr);
    }
    panel.append(el('h3', t('reviews')), table);
  }
  if (c.centerTime) {
    const ct = c.centerTime;
    panel.append(
      el('p', `${t('centerTime')}: ${ct.workingDaysUsed} / ${ct.limit} · ${t(`center.${ct.state}`)}`, {
        id: 'center-time',
        'data-state': ct.state,
      }),
    );
  }
  for (const trip of trips)
    panel.append(
      el(
        'p',
        `${t('sentUp')} ${trip.authority} · ${trip.sentOn} · ${trip.carriedBy} · ${trip.transmittal.formNo}${
          trip.returnedOn ? ` → ${t('returned')} ${trip.returnedOn}：${trip.decision}` : ` · ${t('away')}`
        }`,
        { class: 'trip' },
      ),
    );
}

/** GB/T 39046 records, as the provincial platform receives them: one small table per kind of record. */
function renderRecords(records) {
  const panel = $('records');
  panel.replaceChildren();
  if (!records) return;
  const table = (title, rows, columns) => {
    const section = el('section', undefined, { 'data-record': title });
    section.append(el('h3', t(`gbt.${title}`)));
    if (rows.length === 0) {
      section.append(el('p', t('none'), { class: 'muted' }));
      return panel.append(section);
    }
    const tbl = el('table', undefined, { class: 'records' });
    const head = el('tr');
    for (const c of columns) head.append(el('th', t(`gbt.${c}`)));
    tbl.append(head);
    for (const r of rows) {
      const tr = el('tr');
      for (const c of columns) tr.append(el('td', cell(r[c])));
      tbl.append(tr);
    }
    section.append(tbl);
    panel.append(section);
  };
  table('acceptance', records.acceptance ? [records.acceptance] : [], ['caseNo', 'itemName', 'acceptedBy', 'acceptedAt', 'promisedBy']);
  table('steps', records.steps, ['step', 'action', 'handledBy', 'opinion', 'endedAt', 'late']);
  table('specialProcedures', records.specialProcedures, ['name', 'startedAt', 'endedAt', 'reason', 'result']);
  table('completion', records.completion ? [records.completion] : [], ['result', 'completedBy', 'completedAt', 'onTime', 'deliveredAt']);
  table('evaluations', records.evaluations, ['satisfaction', 'channel', 'stage', 'ratedAt', 'setAside']);
  table('supervision', records.supervision, ['ruleCode', 'warningType', 'content', 'occurredAt', 'result']);
}

async function show(asOf) {
  if (!token) return message(t('tokenRefused'));
  if (!caseId) return message(t('noCase'));
  try {
    // The chain is checked now and the records are the case's as it stands: both are read beside the case.
    const [{ case: c }, chain, records] = await Promise.all([
      query(token, CASE, { id: caseId, asOf }),
      query(token, CHAIN, { id: caseId }).then(
        (d) => d.caseChain,
        () => null,
      ),
      asOf ? null : query(token, RECORDS, { id: caseId }).then((d) => d.exchangeRecords),
    ]);
    if (!c) return message(t(asOf ? 'notYetRecorded' : 'noCase'));
    $('message').hidden = true;
    document.body.dataset.asOf = c.asOf ?? '';
    renderSummary(c);
    renderClock(c.timeLimit);
    renderShared(c);
    renderChain(chain);
    renderTimeline(c.history, chain);
    $('records-panel').hidden = Boolean(asOf);
    renderRecords(records);
    document.body.dataset.shown = String(Date.now());
  } catch (error) {
    message(error.message);
  }
}

/**
 * 查看完整信息: the applicant's full numbers for a stated reason. The service records the read (and shows
 * it to oversight) before it answers; a role without the right is refused there, not here.
 */
async function reveal(reason) {
  const answer = $('reveal-answer');
  try {
    const { revealPersonalData: p } = await query(token, REVEAL, { input: { commandId: crypto.randomUUID(), caseId, reason } });
    answer.textContent = `${[p.name, p.idNumber, p.phone].filter(Boolean).join(' · ')} — ${t('revealRecorded', p.readId)}`;
    answer.dataset.revealed = 'true';
  } catch (error) {
    answer.textContent = `${error.code ?? ''} ${error.message}`.trim();
    answer.dataset.revealed = 'false';
  }
  answer.hidden = false;
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
$('reveal-form').onsubmit = (e) => {
  e.preventDefault();
  const reason = $('reveal-reason').value.trim();
  if (reason) reveal(reason);
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
$('replay-link').href = `replay.html#case=${encodeURIComponent(caseId ?? '')}`;
// A link from a replayed board opens the case as it stood then.
const linkedAsOf = params.get('asOf');
if (linkedAsOf) $('as-of').value = new Date(new Date(linkedAsOf).getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
show(linkedAsOf);
