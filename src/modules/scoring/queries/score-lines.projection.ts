import { RecordedEvent, asDomainEvent } from '../../../core/event-store';
import { localDateOf } from '../../../core/dates';
import { byStreamId, insertRows, rowsByKey } from '../../../infrastructure/read-models/batch-rows';
import { ReadModelDb, ReadModelProjection, ReadModelTx } from '../../../infrastructure/read-models/database';
import { AppealDecided, LineAppealed } from '../domain/appeal.decider';
import { ConductRecorded } from '../domain/conduct.decider';
import { AppealRecord } from '../domain/score-sheet';
import {
  CaseScoringContext,
  ComplaintScoringContext,
  ScoreLine,
  refOf,
  scoreCaseEvent,
  scoreAbsence,
  scoreComplaintFinding,
} from '../domain/score-lines';
import { CASE_STREAM_PREFIX, isCaseStream } from '../../cases';

const CASE_TYPES = new Set([
  'CaseSubmitted',
  'CaseAccepted',
  'CaseReassigned',
  'DeadlineBreached',
  'SupplementRequested',
  'LateNoticeReportOverdue',
  'CaseCompleted',
  // 联办件: the reviews a late joint case's deduction rests on.
  'ParticipantsNotified',
  'OpinionRecorded',
  'ReviewOverdue',
  // 上报件: the center's own time, and the trips it excludes.
  'CaseSentUp',
  'CaseReturnedFromAuthority',
  'CenterTimeExceeded',
]);

/**
 * Read models `score_lines` and `score_appeals`: every line any score sheet can show, with the events
 * behind it, and the appeals against them. Points are not stored: a sheet applies the rule set of its
 * period when it is read, so the same lines rebuilt from the log always give the same sheets.
 */
export class ScoreLinesProjection implements ReadModelProjection {
  readonly name = 'score-lines';
  // 3: a complaint's lines name no case (the complainant stays confidential), and A02 reaches every
  // holder of the post on duty.
  readonly version = 3;
  readonly tables = ['score_lines', 'score_appeals', 'score_case_context'];

  async setup(db: ReadModelDb): Promise<void> {
    await db.schema
      .createTable('score_lines')
      .ifNotExists()
      .addColumn('line_id', 'text', (c) => c.primaryKey())
      .addColumn('center', 'text', (c) => c.notNull())
      .addColumn('window', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('occurred_on', 'text', (c) => c.notNull())
      .addColumn('line', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('score_lines_by_center_day').ifNotExists().on('score_lines').columns(['center', 'occurred_on']).execute();
    await db.schema
      .createTable('score_appeals')
      .ifNotExists()
      .addColumn('line_id', 'text', (c) => c.primaryKey())
      .addColumn('appeal', 'text', (c) => c.notNull())
      .execute();
    // Keyed by case id, or by complaint stream (`complaint-…`) for the complaints awaiting a finding.
    await db.schema
      .createTable('score_case_context')
      .ifNotExists()
      .addColumn('case_id', 'text', (c) => c.primaryKey())
      .addColumn('context', 'text', (c) => c.notNull())
      .execute();
  }

  canHandle(event: RecordedEvent): boolean {
    return (
      (CASE_TYPES.has(event.type) && isCaseStream(event.stream)) ||
      ['ConductRecorded', 'LineAppealed', 'AppealDecided', 'ComplaintFiled', 'ComplaintFound', 'AbsenceRecorded'].includes(event.type)
    );
  }

  async apply(event: RecordedEvent, tx: ReadModelTx): Promise<void> {
    switch (event.type) {
      case 'ConductRecorded':
        return this.recorded(asDomainEvent<ConductRecorded>(event), tx);
      case 'ComplaintFiled': {
        const context: ComplaintScoringContext = { filed: refOf(event) };
        await tx
          .insertInto('score_case_context')
          .values({ case_id: event.stream, context: JSON.stringify(context) })
          .onConflict((oc) => oc.column('case_id').doNothing())
          .execute();
        return;
      }
      case 'ComplaintFound': {
        const row = await tx.selectFrom('score_case_context').select('context').where('case_id', '=', event.stream).executeTakeFirst();
        for (const line of scoreComplaintFinding(row ? (JSON.parse(row.context) as ComplaintScoringContext) : undefined, event))
          await this.insertLine(line, tx);
        return;
      }
      case 'AbsenceRecorded':
        for (const line of scoreAbsence(event)) await this.insertLine(line, tx);
        return;
      case 'LineAppealed': {
        const d = asDomainEvent<LineAppealed>(event).data;
        const appeal: AppealRecord = {
          lineId: d.lineId,
          status: 'PENDING',
          grounds: d.grounds,
          reason: null,
          evidence: [refOf(event)],
          decidedOn: null,
        };
        await tx
          .insertInto('score_appeals')
          .values({ line_id: d.lineId, appeal: JSON.stringify(appeal) })
          .onConflict((oc) => oc.column('line_id').doNothing())
          .execute();
        return;
      }
      case 'AppealDecided': {
        const d = asDomainEvent<AppealDecided>(event).data;
        const row = await tx.selectFrom('score_appeals').select('appeal').where('line_id', '=', d.lineId).executeTakeFirst();
        if (!row) return;
        const before = JSON.parse(row.appeal) as AppealRecord;
        if (before.status !== 'PENDING') return;
        const appeal: AppealRecord = {
          ...before,
          status: d.upheld ? 'UPHELD' : 'REJECTED',
          reason: d.reason,
          evidence: [...before.evidence, refOf(event)],
          decidedOn: localDateOf(event.metadata.occurredAt),
        };
        await tx
          .updateTable('score_appeals')
          .set({ appeal: JSON.stringify(appeal) })
          .where('line_id', '=', d.lineId)
          .execute();
        return;
      }
      default:
        return this.caseEvents([event], tx);
    }
  }

  /**
   * A batch: the case events folded per case (its scoring context read once and written once, the lines
   * inserted together), the others one by one. They touch different rows (a case's context, a complaint's
   * context, an appeal), so only the order within each case matters.
   */
  async applyBatch(events: RecordedEvent[], tx: ReadModelTx): Promise<void> {
    for (const event of events) if (!CASE_TYPES.has(event.type)) await this.apply(event, tx);
    await this.caseEvents(
      events.filter((e) => CASE_TYPES.has(e.type)),
      tx,
    );
  }

  private async caseEvents(events: RecordedEvent[], tx: ReadModelTx): Promise<void> {
    const byCase = byStreamId(events, CASE_STREAM_PREFIX);
    const rows = await rowsByKey<{ context: string }>(tx, 'score_case_context', 'case_id', [...byCase.keys()], ['context']);
    const inserts: Record<string, unknown>[] = [];
    const lines: ScoreLine[] = [];
    for (const [caseId, caseEvents] of byCase) {
      const row = rows.get(caseId);
      let context = row ? (JSON.parse(row.context) as CaseScoringContext) : undefined;
      let changed = false;
      for (const event of caseEvents) {
        // An event met again is already in the evidence: applying it twice changes nothing.
        if (
          context &&
          [context.submitted, context.accepted, ...context.notices, ...context.breaches].some(
            (r) => r?.position === event.position.toString(),
          )
        )
          continue;
        const scored = scoreCaseEvent(context, event);
        if (scored.context) {
          context = scored.context;
          changed = true;
        }
        lines.push(...scored.lines);
      }
      if (!changed) continue;
      if (row)
        await tx
          .updateTable('score_case_context')
          .set({ context: JSON.stringify(context) })
          .where('case_id', '=', caseId)
          .execute();
      else inserts.push({ case_id: caseId, context: JSON.stringify(context) });
    }
    await insertRows(tx, 'score_case_context', inserts);
    await insertRows(tx, 'score_lines', lines.map(lineRow), 'line_id');
  }

  private async recorded(event: ConductRecorded & RecordedEvent, tx: ReadModelTx): Promise<void> {
    const d = event.data;
    await this.insertLine(
      {
        lineId: `conduct:${d.conductId}`,
        source: 'recorded',
        trigger: null,
        code: d.code,
        severe: d.severe,
        staffId: d.staffId,
        center: d.center,
        window: d.window,
        occurredOn: d.occurredOn,
        caseId: d.caseId,
        evidence: [refOf(event)],
        note: d.evidence,
      },
      tx,
    );
  }

  private async insertLine(line: ScoreLine, tx: ReadModelTx): Promise<void> {
    await insertRows(tx, 'score_lines', [lineRow(line)], 'line_id');
  }
}

function lineRow(line: ScoreLine): Record<string, unknown> {
  return {
    line_id: line.lineId,
    center: line.center,
    window: line.window,
    staff_id: line.staffId,
    occurred_on: line.occurredOn,
    line: JSON.stringify(line),
  };
}
