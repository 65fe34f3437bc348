// The center board's panels (电子监察大屏), drawn from the public API with the signed-in token: now, for the
// live board, or as they stood at a past instant, for replay (复盘). Every query takes the same `asOf`,
// so a replayed board shows exactly what the live one showed then.
import { query } from './gql.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const STATES = ['ON_TRACK', 'WARNING', 'OVERDUE', 'SUSPENDED'];
const COLOURS = { ON_TRACK: '#2e7d32', WARNING: '#f9a825', OVERDUE: '#c62828', SUSPENDED: '#78909c' };

let chart = null;

/** The day of an instant (now when null) in China time, as the service counts days (2026-12-03). */
function chinaDay(instant) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant ? new Date(instant) : new Date(),
  );
}

/** An element with text (never HTML: nothing from the service is interpreted as markup). */
export function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  return node;
}

const percent = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

/** The indicators of a period (a day or a month), summed over the windows the token may see. */
async function loadKpis({ token, center, asOf }, period) {
  const { kpis } = await query(
    token,
    `query($center: String!, $period: String!, $asOf: DateTime) { kpis(center: $center, period: $period, groupBy: WINDOW, asOf: $asOf) { key received accepted completed onTimeRate satisfactionRate ratings } }`,
    { center, period, asOf },
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

async function loadWarnings({ token, center, asOf }) {
  const list = async (state) =>
    (
      await query(
        token,
        `query($center: String!, $state: TimeLimitState!, $asOf: DateTime) { deadlines(filter: { center: $center, state: $state }, first: 10, asOf: $asOf) { edges { node { id asOf receiptNo window itemCode timeLimit { dueDate state workingDaysRemaining } } } } }`,
        { center, state, asOf },
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
    const asOf = c.asOf ? `&asOf=${encodeURIComponent(c.asOf)}` : '';
    const receipt = el('a', c.receiptNo, { class: 'receipt', href: `case.html#case=${encodeURIComponent(c.id)}${asOf}` });
    li.append(
      el('span', t(c.timeLimit.state), { class: 'badge' }),
      receipt,
      el('span', c.window),
      el('span', `${t('due')} ${c.timeLimit.dueDate} · ${t('daysLeft', c.timeLimit.workingDaysRemaining)}`),
    );
    ol.append(li);
  }
}

async function loadRanking({ token, center, asOf }, period) {
  try {
    const { scoreboard } = await query(
      token,
      `query($center: String!, $period: String!, $asOf: DateTime) { scoreboard(center: $center, period: $period, asOf: $asOf) { windows { subject total rank tied grade } } }`,
      { center, period, asOf },
    );
    return scoreboard.windows;
  } catch {
    return null; // not every role may read the scoreboard
  }
}

export function renderRanking(windows) {
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

/**
 * Everything the board shows, now (`asOf` null) or as it stood at `asOf`: that day's intake and
 * completions, that month's rates and ranking, the open cases and the warnings.
 * `ctx` is { token, center, asOf, ranking }.
 */
export async function loadBoard(ctx) {
  const day = chinaDay(ctx.asOf);
  const month = day.slice(0, 7);
  // The live board follows the ranking through its own subscription (ctx.ranking false).
  const [today, thisMonth, counts, warnings, ranking] = await Promise.all([
    loadKpis(ctx, day),
    loadKpis(ctx, month),
    query(ctx.token, `query($center: String, $asOf: DateTime) { deadlineCounts(center: $center, asOf: $asOf) { window state count } }`, {
      center: ctx.center,
      asOf: ctx.asOf,
    }).then((d) => d.deadlineCounts),
    loadWarnings(ctx),
    ctx.ranking === false ? undefined : loadRanking(ctx, month),
  ]);
  return { today, thisMonth, counts, warnings, ranking };
}

export function renderBoard(board) {
  renderTiles(board.today, board.thisMonth, board.counts);
  renderByWindow(board.counts);
  renderWarnings(board.warnings);
  if (board.ranking !== undefined) renderRanking(board.ranking);
}

export const resizeChart = () => chart?.resize();
