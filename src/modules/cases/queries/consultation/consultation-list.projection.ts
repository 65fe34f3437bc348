import { StreamStateProjection } from '../../../../infrastructure/read-models/stream-state-projection';
import { CONSULTATION_EVENT_TYPES, ConsultationState, consultationDecider } from '../../domain/consultation.decider';

/**
 * Read model `consultation_list`: the visits routed to a window (首问负责), for the routed window's list
 * and the first officer's. `follow_up_due` is set while a routing is open and not yet recorded for the
 * leaders, so the watcher reads only the visits it may have to mark. Visits not routed are left out.
 */
export class ConsultationListProjection extends StreamStateProjection<ConsultationState> {
  readonly name = 'consultation-list';
  readonly version = 1;

  constructor() {
    super({
      table: 'consultation_list',
      idColumn: 'consultation_id',
      streamPrefix: 'consultation-',
      eventTypes: CONSULTATION_EVENT_TYPES,
      fold: consultationDecider,
      isEmpty: (s) => !s.recorded || !s.routing,
      columnsOnInsert: (s, position) =>
        s.recorded && s.routing
          ? {
              center: s.routing.center,
              routed_window: s.routing.window,
              officer: s.routing.officer,
              officer_window: s.routing.officerWindow,
              recorded_position: position,
            }
          : {},
      columnsOnUpdate: (s) =>
        s.recorded && s.routing
          ? {
              status: s.closure ? 'CLOSED' : 'OPEN',
              follow_up_due: s.closure || s.followUpMarkedOn ? null : s.routing.followUpDue,
            }
          : {},
      addColumns: (t) =>
        t
          .addColumn('center', 'text', (c) => c.notNull())
          .addColumn('routed_window', 'text', (c) => c.notNull())
          .addColumn('officer', 'text', (c) => c.notNull())
          .addColumn('officer_window', 'text')
          .addColumn('recorded_position', 'bigint', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('follow_up_due', 'text'),
      indexes: [
        { name: 'consultation_list_by_window', columns: ['center', 'routed_window', 'recorded_position'] },
        { name: 'consultation_list_by_follow_up', columns: ['follow_up_due'] },
      ],
    });
  }
}
