// The center board (电子监察大屏): what a center's wall screen shows, kept current by the service's
// live subscriptions. Everything comes through the public API with the signed-in token, so a staff
// member's board shows their window only, as the access policy narrows every query.
import { LiveConnection, claimsOf, query } from './gql.js';
import { eventName, t, toggleLanguage } from './i18n.js';

const $ = (id) => document.getElementById(id);
const STATES = ['ON_TRACK', 'WARNING', 'OVERDUE', 'SUSPENDED'];
const COLOURS = { ON_TRACK: '#2e7d32', WARNING: '#f9a825', OVERDUE: '#c62828', SUSPENDED: '#78909c' };
const TICKER_LENGTH = 30;

let token = null;
let center = null;
let live = null;
let chart = null;
let refreshTimer = null;

/** Today, in China time as the service counts it (2026-12-03). */
function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

/** The current month (2026-12): the period of the rates and of the ranking. */
const currentMonth = () => today().slice(0, 7);

/** An element with text (never HTML: nothing from the service is interpreted as markup). */
function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  return node;
}

const percent = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

function translate() {
  document.documentElement.lang = localStorage.getItem('casetrail.lang') === 'en' ? 'en' : 'zh-CN';
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
  $('language').textContent = t('language');
  $('state').textContent = t($('state').dataset.state);
}

function setState(state) {
  if (state === 'signed-out') return signOut(true);
  $('state').dataset.state = state;
  $('state').textContent = t(state);
}

/** The indicators of a period (a day or a month), summed over the windows the token may see. */
async function loadKpis(period) {
  const { kpis } = await query(
    token,
    `query($center: String!, $period: String!) { kpis(center: $center, period: $period, groupBy: WINDOW) { key received accepted completed onTimeRate satisfactionRate ratings } }`,
    { center, period },
  );
  const sum = (f) => kpis.reduce((a, r) => a + r[f], 0);
  const completed = sum('completed');
  const ratings = sum('ratings');
  const weighted = (rate, weight) => kpis.reduce((a, r) => a + (r[rate] ?? 0) * r[weight], 0);
  return {
    received: sum('received'),
    accepted: sum('accepted'),
    completed,
    onTimeRate: completed ? weighted('onTimeRate', 'completed') / completed : null,
    satisfaction: ratings ? weighted('satisfactionRate', 'ratings') / ratings : null,
  };
}

function renderTiles(day, month, counts) {
  const tiles = $('tiles');
  tiles.replaceChildren();
  const add = (id, label, value) => {
    const tile = el('div', undefined, { class: 'tile', 'data-tile': id });
    tile.append(el('span', value, { class: 'value' }), el('span', label, { class: 'label' }));
    tiles.append(tile);
  };
  const inState = (state) => counts.filter((c) => c.state === state).reduce((a, c) => a + c.count, 0);
  add('today-received', `${t('received')} · ${t('today')}`, String(day.received));
  add('today-completed', `${t('completed')} · ${t('today')}`, String(day.completed));
  add('on-time', `${t('onTimeRate')} · ${t('period')}`, percent(month.onTimeRate));
  add('satisfaction', `${t('satisfaction')} · ${t('period')}`, percent(month.satisfaction));
  add('open', t('openCases'), String(counts.reduce((a, c) => a + c.count, 0)));
  add('overdue', t('OVERDUE'), String(inState('OVERDUE')));
}

function renderByWindow(counts) {
  const windows = [...new Set(counts.map((c) => c.window))].sort();
  const count = (w, s) => counts.find((c) => c.window === w && c.state === s)?.count ?? 0;
  chart ??= echarts.init($('by-window'), null, { renderer: 'svg' });
  chart.setOption(
    {
      animation: false,
      textStyle: { color: '#e8eef6' },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: STATES.map((s) => t(s)), textStyle: { color: '#e8eef6' } },
      grid: { left: 140, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#9fb3c8' }, splitLine: { lineStyle: { color: '#1c3a60' } } },
      yAxis: { type: 'category', data: windows, axisLabel: { color: '#e8eef6' } },
      series: STATES.map((s) => ({
        name: t(s),
        type: 'bar',
        stack: 'open',
        itemStyle: { color: COLOURS[s] },
        data: windows.map((w) => count(w, s)),
      })),
    },
    true,
  );
  // The numbers behind the bars, for a screen reader and for tests.
  $('by-window').dataset.counts = JSON.stringify(
    Object.fromEntries(windows.map((w) => [w, Object.fromEntries(STATES.map((s) => [s, count(w, s)]))])),
  );
}

async function loadWarnings() {
  const list = async (state) =>
    (
      await query(
        token,
        `query($center: String!, $state: TimeLimitState!) { deadlines(filter: { center: $center, state: $state }, first: 10) { edges { node { id receiptNo window itemCode timeLimit { dueDate state workingDaysRemaining } } } } }`,
        { center, state },
      )
    ).deadlines.edges.map((e) => e.node);
  return [...(await list('OVERDUE')), ...(await list('WARNING'))];
}

function renderWarnings(cases) {
  const ol = $('warnings');
  ol.replaceChildren();
  if (cases.length === 0) ol.append(el('li', t('none'), { class: 'none' }));
  for (const c of cases) {
    const li = el('li', undefined, { 'data-case': c.id, 'data-state': c.timeLimit.state });
    const receipt = el('a', c.receiptNo, { class: 'receipt', href: `case.html#case=${encodeURIComponent(c.id)}` });
    li.append(
      el('span', t(c.timeLimit.state), { class: 'badge' }),
      receipt,
      el('span', c.window),
      el('span', `${t('due')} ${c.timeLimit.dueDate} · ${t('daysLeft', c.timeLimit.workingDaysRemaining)}`),
    );
    ol.append(li);
  }
}

async function loadRanking() {
  try {
    const { scoreboard } = await query(
      token,
      `query($center: String!, $period: String!) { scoreboard(center: $center, period: $period) { windows { subject total rank tied grade } } }`,
      { center, period: currentMonth() },
    );
    return scoreboard.windows;
  } catch {
    return null; // not every role may read the scoreboard
  }
}

function renderRanking(windows) {
  const ol = $('ranking');
  ol.replaceChildren();
  if (!windows || windows.length === 0) return ol.append(el('li', t('none'), { class: 'none' }));
  for (const w of windows.slice(0, 10)) {
    const li = el('li');
    li.append(
      el('span', String(w.rank), { class: 'rank' }),
      el('span', w.subject),
      el('span', `${w.total} ${t('points')}`),
      el('span', w.grade ?? ''),
    );
    ol.append(li);
  }
}

async function refresh() {
  try {
    const [day, month, counts, warnings, ranking] = await Promise.all([
      loadKpis(today()),
      loadKpis(currentMonth()),
      query(token, `query($center: String) { deadlineCounts(center: $center) { window state count } }`, { center }).then(
        (d) => d.deadlineCounts,
      ),
      loadWarnings(),
      loadRanking(),
    ]);
    renderTiles(day, month, counts);
    renderByWindow(counts);
    renderWarnings(warnings);
    renderRanking(ranking);
    document.body.dataset.refreshed = String(Date.now());
  } catch (error) {
    if (error.code === 'AUTH.UNAUTHENTICATED') return signOut(true);
    // Kept on screen as it was; the next event or reconnection redraws it.
    console.error(`The board could not be redrawn: ${error.message}`);
  }
}

/** Many events arrive together: the board is redrawn once for them. */
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 300);
}

function tick(event) {
  const ol = $('ticker');
  const li = el('li', undefined, { 'data-type': event.type });
  const time = new Date(event.occurredAt).toLocaleTimeString(undefined, { hour12: false });
  li.append(
    el('time', time),
    el('span', eventName(event.type), { class: 'type' }),
    el('span', event.caseId ?? ''),
    el('span', event.actor?.id ?? ''),
  );
  ol.prepend(li);
  while (ol.children.length > TICKER_LENGTH) ol.lastChild.remove();
}

async function start(newToken) {
  let claims;
  try {
    claims = claimsOf(newToken);
  } catch {
    return signOut(true);
  }
  token = newToken;
  sessionStorage.setItem('casetrail.token', token);
  center = claims.center ?? claims.centers?.[0];
  $('center').textContent = [center, claims.window].filter(Boolean).join(' · ');
  $('sign-in').hidden = true;
  $('board').hidden = false;
  $('sign-out').hidden = false;
  live = new LiveConnection(token, setState);
  followFrom(await appliedPosition());
  refresh();
}

/**
 * Where the read models stand now: the board follows from there, so that after a dropped connection it
 * resumes from this position even if nothing had arrived yet, and misses nothing recorded meanwhile.
 */
async function appliedPosition() {
  try {
    const ready = await (await fetch('/health/ready')).json();
    return ready.details?.projections?.position ?? null;
  } catch {
    return null;
  }
}

function followFrom(after) {
  live.subscribe(
    `subscription($center: String!, $after: String) { centerEvents(center: $center, after: $after) { position type caseId occurredAt actor { id } } }`,
    { center, after },
    (event) => {
      tick(event);
      refreshSoon();
    },
  );
  live.subscribe(
    `subscription($center: String!, $after: String) { deadlineAlerts(center: $center, after: $after) { position level caseId } }`,
    { center, after },
    refreshSoon,
  );
}

function signOut(refused = false) {
  live?.close();
  live = null;
  token = null;
  sessionStorage.removeItem('casetrail.token');
  $('board').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('refused').hidden = !refused;
}

$('language').onclick = () => {
  toggleLanguage();
  translate();
  if (token) refresh();
};
$('sign-out').onclick = () => signOut();
$('sign-in').onsubmit = (e) => {
  e.preventDefault();
  start($('token').value.trim());
};
window.addEventListener('resize', () => chart?.resize());

translate();
// A link minted by `casetrail token --link` carries the token in the fragment, which never reaches the
// server's logs; it is taken out of the address bar at once.
const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromLink) history.replaceState(null, '', location.pathname);
const saved = fromLink ?? sessionStorage.getItem('casetrail.token');
if (saved) start(saved);
else signOut();
