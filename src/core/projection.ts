import { RecordedEvent } from './event-store';

/**
 * A projection keeps one read model up to date from the global log. `apply` runs inside the
 * transaction that also moves the projection's checkpoint, so an event is applied exactly once.
 * Bump `version` when the read model's shape or meaning changes: the runner rebuilds it.
 */
export interface Projection<Db, Tx> {
  name: string;
  version: number;
  /** Tables this projection owns; emptied on rebuild. */
  tables: string[];
  /** Creates the tables if they are missing. */
  setup(db: Db): Promise<void>;
  canHandle(event: RecordedEvent): boolean;
  apply(event: RecordedEvent, tx: Tx): Promise<void>;
  /**
   * Optional: applies several events at once (in log order, every one handled by this projection), as
   * catch-up and rebuilds deliver them, e.g. folding a row's events in memory and writing it once. Must
   * leave exactly the rows that `apply`, one event at a time, would.
   */
  applyBatch?(events: RecordedEvent[], tx: Tx): Promise<void>;
}
