import { chinaTimeOf } from '../../../core/dates';
import { CASE_EVENT_LABELS, maskEventData, sentenceOf } from '../../cases';
import { Dossier, DossierReport } from './dossier';

const ROLE_NAMES: Record<string, string> = {
  applicant: '申请人',
  staff: '窗口工作人员',
  window_lead: '窗口负责人',
  center_leader: '中心领导',
  oversight: '监察',
  admin: '管理员',
  system: '系统',
  operator: '操作员',
};

/**
 * Fonts that show Chinese wherever one of them is installed (Windows, macOS, the common Linux packages);
 * the page carries no font of its own, to stay a small self-contained file.
 */
const FONTS = `"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "SimSun", sans-serif`;

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The step's name on the paper file, then the recorded type (the type alone for one with no name yet). */
const stepName = (type: string) => {
  const label = (CASE_EVENT_LABELS as Record<string, string>)[type];
  return label ? `${escape(label)} <small>${escape(type)}</small>` : escape(type);
};

/**
 * The dossier as a page for the paper file (案卷): the verification result, then every step in order —
 * when it happened and when it was recorded, who acted, what was recorded, and its hash — then the
 * checkpoint and how to check the file. Self-contained: no scripts, no outside resources.
 */
export function renderDossierHtml(d: Dossier, report: DossierReport): string {
  const verdict = report.ok
    ? `<p class="ok">校验通过 Verified: ${report.sealed} of ${report.events} events are sealed by the checkpoint signed with key <code>${escape(report.keyId ?? '')}</code>${report.unsealed ? `; the last ${report.unsealed} are checked against their chain only` : ''}.</p>`
    : `<p class="bad">校验未通过 NOT VERIFIED: ${escape(report.problem?.problem ?? '')}${report.problem?.revision ? ` at revision ${escape(report.problem.revision)}` : ''}: ${escape(report.problem?.detail ?? '')}</p>`;
  const rows = d.events
    .map((e) => {
      const m = e.metadata;
      const role = ROLE_NAMES[m.actor.role] ?? m.actor.role;
      const actor = `${escape(m.actor.id)}（${escape(role)}${m.actor.window ? `，${escape(m.actor.window)}` : ''}${m.actor.onBehalfOf ? `，代 ${escape(m.actor.onBehalfOf)}` : ''}）`;
      const backfill = m.backfill ? `<br><em>补录 entered later：${escape(m.backfill.reason)}</em>` : '';
      const sentence = sentenceOf(e.type, maskEventData(e.type, e.data));
      const what = sentence ? `<p>${escape(sentence)}</p>` : `<pre>${escape(JSON.stringify(maskEventData(e.type, e.data), null, 2))}</pre>`;
      return `<tr><td>${escape(e.revision)}</td><td>${escape(chinaTimeOf(m.occurredAt))}${backfill}</td><td>${escape(chinaTimeOf(m.recordedAt))}</td><td>${actor}</td><td><strong>${stepName(e.type)}</strong>${what}</td><td><code>${escape(m.audit?.hash.slice(0, 16) ?? 'unchained')}…</code></td></tr>`;
    })
    .join('\n');
  const submitted = d.events.find((e) => e.type === 'CaseSubmitted')?.data as { receiptNo?: string; itemCode?: string } | undefined;
  const accepted = d.events.find((e) => e.type === 'CaseAccepted')?.data as { item?: { name?: string } } | undefined;
  const title = [submitted?.receiptNo ?? d.caseId, accepted?.item?.name ?? submitted?.itemCode].filter(Boolean).join(' ');
  const c = d.checkpoint;
  const checkpoint = c
    ? `<dl><dt>Sealed up to position</dt><dd>${escape(c.upTo)} (${c.events} events)</dd><dt>Merkle root</dt><dd><code>${escape(c.merkleRoot)}</code></dd><dt>Signed at</dt><dd>${escape(chinaTimeOf(c.signedAt))}</dd><dt>Key id</dt><dd><code>${escape(c.keyId)}</code></dd><dt>Public key (Ed25519)</dt><dd><code>${escape(c.publicKey)}</code></dd></dl>`
    : '<p>No checkpoint: the events are checked against their chain only.</p>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>案卷 ${escape(title)}</title>
<style>body{font-family:${FONTS};margin:2em}p{margin:4px 0}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;vertical-align:top;font-size:13px}pre{margin:4px 0;white-space:pre-wrap}.ok{color:#060;font-weight:bold}.bad{color:#b00;font-weight:bold}code{font-size:12px}</style>
</head><body>
<h1>案卷 Case dossier ${escape(title)}</h1>
<p>办件 Case <code>${escape(d.caseId)}</code>. Exported ${escape(chinaTimeOf(d.exportedAt))} from stream <code>${escape(d.stream)}</code>. Times are China time (北京时间, UTC+8). Identity and phone numbers are masked on this page; the JSON file holds them in full.</p>
${verdict}
<h2>办理过程 History</h2>
<table><thead><tr><th>#</th><th>发生时间 Happened</th><th>记录时间 Recorded</th><th>经办人 By</th><th>事项 What</th><th>哈希 Hash</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>签名检查点 Checkpoint</h2>
${checkpoint}
<h2>如何校验 How to check this file</h2>
<p>Run <code>casetrail verify --dossier &lt;file.json&gt; --public-key &lt;the center's published key&gt;</code> on any machine. It recomputes every event's hash and link, checks the checkpoint's signature, and the inclusion proof of the case's last sealed event in the signed Merkle root.</p>
</body></html>
`;
}
