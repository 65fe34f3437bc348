import { localDateOf } from '../../../../core/dates';
import { RecordedEvent, asDomainEvent } from '../../../../core/event-store';
import { byStreamId, insertRows, rowsByKey } from '../../../../infrastructure/read-models/batch-rows';
import { ReadModelDb, ReadModelProjection, ReadModelTx } from '../../../../infrastructure/read-models/database';
import { CASE_EVENT_TYPES, CaseEvent, evolveCase, initialCaseState } from '../../domain/case.events';
import { Case, CaseState, isOpenReview, participantsOf } from '../../domain/case.state';
import { reviewState } from '../case-detail/participant-review.view';
import { timeLimitState } from '../case-detail/time-limit.view';
import { CASE_STREAM_PREFIX, isCaseStream } from '../../domain/case-stream';

/**
 * Read model `case_list`: one row per case with its current state, for listing and filtering, and
 * for the deadline questions (which cases are running, warned or overdue, in which window, due when).
 * Each row remembers the last position applied, so applying an event twice changes nothing. A batch of
 * events (catch-up, rebuild) reads and writes each case's row once.
 */
export class CaseListProjection implements ReadModelProjection {
  readonly name = 'case-list';
  // 5: the case state gained the steps done and warned, and the applicant's 补正期限; completions entered
  // after the fact are marked (no invitation to rate for them). 6: the report a late first notice is
  // owed (D11), for the watcher.
  readonly version = 6;
  readonly tables = ['case_list', 'case_reviews'];

  async setup(db: ReadModelDb): Promise<void> {
    await db.schema
      .createTable('case_list')
      .ifNotExists()
      .addColumn('case_id', 'text', (c) => c.primaryKey())
      .addColumn('receipt_no', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('center', 'text', (c) => c.notNull())
      .addColumn('window', 'text', (c) => c.notNull())
      .addColumn('handler', 'text')
      .addColumn('department', 'text')
      .addColumn('submitted_on', 'text')
      .addColumn('accepted_on', 'text')
      .addColumn('completed_on', 'text')
      // 1 when the completion was entered after the fact (补录, simulated history): nobody is invited to rate it.
      .addColumn('completed_backfilled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('item_code', 'text', (c) => c.notNull())
      .addColumn('time_state', 'text')
      .addColumn('due_date', 'text')
      // The day the report of a late first notice is due, while it is neither made nor marked overdue.
      .addColumn('late_notice_report_due', 'text')
      .addColumn('submitted_position', 'bigint', (c) => c.notNull())
      .addColumn('last_position', 'bigint', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_list_by_submission').ifNotExists().on('case_list').column('submitted_position').execute();
    await db.schema
      .createIndex('case_list_by_center_status')
      .ifNotExists()
      .on('case_list')
      .columns(['center', 'status', 'submitted_position'])
      .execute();
    await db.schema
      .createIndex('case_list_by_center_submitted')
      .ifNotExists()
      .on('case_list')
      .columns(['center', 'submitted_on'])
      .execute();
    await db.schema
      .createIndex('case_list_by_center_completed')
      .ifNotExists()
      .on('case_list')
      .columns(['center', 'completed_on'])
      .execute();
    await db.schema
      .createIndex('case_list_deadlines')
      .ifNotExists()
      .on('case_list')
      .columns(['center', 'time_state', 'due_date'])
      .execute();
    // 联办件: one row per participant's review of a joint case, for the reviews waiting on a window.
    await db.schema
      .createTable('case_reviews')
      .ifNotExists()
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('window', 'text', (c) => c.notNull())
      .addColumn('center', 'text', (c) => c.notNull())
      .addColumn('lead_window', 'text', (c) => c.notNull())
      .addColumn('receipt_no', 'text', (c) => c.notNull())
      .addColumn('item_code', 'text', (c) => c.notNull())
      .addColumn('department', 'text', (c) => c.notNull())
      .addColumn('required', 'integer', (c) => c.notNull())
      .addColumn('notified_on', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('open', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_reviews_pk', ['case_id', 'window'])
      .execute();
    await db.schema
      .createIndex('case_reviews_by_window')
      .ifNotExists()
      .on('case_reviews')
      .columns(['center', 'window', 'open', 'due_date'])
      .execute();
  }

  canHandle(event: RecordedEvent): boolean {
    return CASE_EVENT_TYPES.has(event.type) && isCaseStream(event.stream);
  }

  apply(event: RecordedEvent, tx: ReadModelTx): Promise<void> {
    return this.applyBatch([event], tx);
  }

  /** Each case's events of the batch folded in memory, its row read once and written once. */
  async applyBatch(events: RecordedEvent[], tx: ReadModelTx): Promise<void> {
    const byCase = byStreamId(events, CASE_STREAM_PREFIX);
    const rows = await rowsByKey<{ state: string; last_position: number | string }>(
      tx,
      'case_list',
      'case_id',
      [...byCase.keys()],
      ['state', 'last_position'],
    );
    const inserts: Record<string, unknown>[] = [];
    for (const [caseId, caseEvents] of byCase) {
      const row = rows.get(caseId);
      const applied = row ? BigInt(row.last_position) : -1n;
      let state: CaseState = row ? JSON.parse(row.state) : initialCaseState();
      let first: RecordedEvent | undefined;
      let last: RecordedEvent | undefined;
      let completedBackfilled: number | undefined;
      for (const event of caseEvents) {
        if (event.position <= applied) continue; // applied already: a repeat changes nothing
        const after = evolveCase(state, asDomainEvent<CaseEvent>(event));
        if (after.status === 'NONE') continue;
        state = after;
        first ??= event;
        last = event;
        if (event.type === 'CaseCompleted') completedBackfilled = event.metadata.backfill ? 1 : 0;
      }
      if (!last) continue;
      const values = {
        ...columnsOf(state as Case, last),
        ...(completedBackfilled === undefined ? {} : { completed_backfilled: completedBackfilled }),
      };
      if (row) await tx.updateTable('case_list').set(values).where('case_id', '=', caseId).execute();
      else inserts.push({ case_id: caseId, submitted_position: Number(first!.position), completed_backfilled: 0, ...values });
      if (participantsOf(state as Case).length > 0) await writeReviews(state as Case, tx);
    }
    await insertRows(tx, 'case_list', inserts);
  }
}

/**
 * A joint case's reviews as rows: where each stands and whether it still waits for its opinion (a review
 * of a case no longer running waits for nothing).
 */
async function writeReviews(c: Case, tx: ReadModelTx): Promise<void> {
  await tx.deleteFrom('case_reviews').where('case_id', '=', c.id).execute();
  const running = c.status === 'ACCEPTED';
  await insertRows(
    tx,
    'case_reviews',
    participantsOf(c).map((p) => ({
      case_id: c.id,
      window: p.window,
      center: c.center,
      lead_window: c.window,
      receipt_no: c.receiptNo,
      item_code: c.itemCode,
      department: p.department,
      required: p.required ? 1 : 0,
      notified_on: p.notifiedOn,
      due_date: p.dueDate,
      state: reviewState(p, c),
      open: running && isOpenReview(p) ? 1 : 0,
    })),
  );
}

function columnsOf(c: Case, last: RecordedEvent) {
  return {
    receipt_no: c.receiptNo,
    status: c.status,
    center: c.center,
    window: c.window,
    handler: c.handler ?? null,
    department: c.item?.department ?? null,
    submitted_on: localDateOf(c.submittedAt),
    accepted_on: c.acceptedAt ? localDateOf(c.acceptedAt) : null,
    completed_on: c.completedAt ? localDateOf(c.completedAt) : null,
    item_code: c.itemCode,
    time_state: c.timeLimit ? timeLimitState(c) : null,
    due_date: c.timeLimit?.dueDate ?? null,
    late_notice_report_due:
      c.lateNoticeReport && !c.lateNoticeReport.reportedOn && !c.lateNoticeReport.overdueOn ? c.lateNoticeReport.reportDue : null,
    last_position: Number(last.position),
    state: JSON.stringify(c),
  };
}
