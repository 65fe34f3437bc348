import { EventStore, foldStream } from '../../core/event-store';
import { caseStream } from './domain/case-stream';
import { evolveCase, initialCaseState } from './domain/case.events';
import { CaseState } from './domain/case.state';

/**
 * A case as it stood once the log had reached position `upTo` (as of a moment), folded from its stream;
 * without `upTo`, as it stands now. The one way every "as of" question reads a case whose read-model row
 * is newer than the moment asked about.
 */
export function caseAsOf(store: EventStore, caseId: string, upTo?: bigint): Promise<CaseState> {
  return foldStream(store, caseStream(caseId), evolveCase, initialCaseState(), upTo);
}
