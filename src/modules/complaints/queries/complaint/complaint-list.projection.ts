import { StreamStateProjection } from '../../../../infrastructure/read-models/stream-state-projection';
import { COMPLAINT_EVENT_TYPES, ComplaintState, complaintDecider } from '../../domain/complaint.decider';

/**
 * Read model `complaint_list`: every complaint with its current state, for the center's list. `escalated`
 * filters the major ones; `answer_due` is set while an answer is owed and not yet recorded overdue, so the
 * follow-up watcher reads only the complaints it may have to mark.
 */
export class ComplaintListProjection extends StreamStateProjection<ComplaintState> {
  readonly name = 'complaint-list';
  readonly version = 2;

  constructor() {
    super({
      table: 'complaint_list',
      idColumn: 'complaint_id',
      streamPrefix: 'complaint-',
      eventTypes: COMPLAINT_EVENT_TYPES,
      fold: complaintDecider,
      isEmpty: (s) => s.status === 'NONE',
      columnsOnInsert: (s, position) => ({ center: s.status === 'NONE' ? '' : s.center, filed_position: position }),
      columnsOnUpdate: (s) =>
        s.status === 'NONE' ? {} : { escalated: s.escalation ? 1 : 0, answer_due: s.answer || s.answerOverdueOn ? null : s.answerDue },
      addColumns: (t) =>
        t
          .addColumn('center', 'text', (c) => c.notNull())
          .addColumn('filed_position', 'bigint', (c) => c.notNull())
          .addColumn('escalated', 'integer', (c) => c.notNull())
          .addColumn('answer_due', 'text'),
      indexes: [
        { name: 'complaint_list_by_center', columns: ['center', 'filed_position'] },
        { name: 'complaint_list_by_answer_due', columns: ['answer_due'] },
      ],
    });
  }
}
