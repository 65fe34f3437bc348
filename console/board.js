// The center board (电子监察大屏): what a center's wall screen shows, kept current by the service's
// live subscriptions. Everything comes through the public API with the signed-in token, so a staff
// member's board shows their window only, as the access policy narrows every query.
import { el, loadBoard, renderBoard, renderRanking, resizeChart } from './board-view.js';
import { LiveConnection, claimsOf } from './gql.js';
import { eventName, t, toggleLanguage } from './i18n.js';

const $ = (id) => document.getElementById(id);
const TICKER_LENGTH = 30;

let token = null;
let center = null;
let live = null;
let refreshTimer = null;

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

async function refresh() {
  try {
    renderBoard(await loadBoard({ token, center, asOf: null, ranking: false }));
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
  renderRanking(null); // until the scoreboard's first answer
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
  // The ranking comes with every change of the scoreboard, and at once on (re)connecting: no query per event.
  live.subscribe(
    `subscription($center: String!) { scoreboard(center: $center) { period windows { subject total rank tied grade } } }`,
    { center },
    (board) => renderRanking(board.windows),
    false,
  );
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
window.addEventListener('resize', resizeChart);

translate();
// A link minted by `casetrail token --link` carries the token in the fragment, which never reaches the
// server's logs; it is taken out of the address bar at once.
const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromLink) history.replaceState(null, '', location.pathname);
const saved = fromLink ?? sessionStorage.getItem('casetrail.token');
if (saved) start(saved);
else signOut();
