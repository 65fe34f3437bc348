import { EventStoreLocation } from '../../config';
import { EventStore } from '../../core/event-store';
import { ChainedEventStore } from './chained-event-store';

/**
 * Opens the configured event store, every append on the audit hash chain; an unreachable one fails
 * here, with a clear message, at start-up.
 */
export async function openEventStore(location: EventStoreLocation): Promise<EventStore> {
  return new ChainedEventStore(await openAdapter(location));
}

/** Each adapter loaded only when configured: EventStoreDB's client alone takes about 100 ms to load. */
async function openAdapter(location: EventStoreLocation): Promise<EventStore> {
  switch (location.kind) {
    case 'sqlite': {
      const { SqliteEventStore } = await import('./sqlite/sqlite-event-store');
      return new SqliteEventStore(location.path);
    }
    case 'postgres': {
      const { PostgresEventStore } = await import('./postgres/postgres-event-store');
      return PostgresEventStore.open({ connectionString: location.url });
    }
    case 'eventstoredb': {
      const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store');
      return EventStoreDbEventStore.open({ connectionString: location.url });
    }
  }
}
