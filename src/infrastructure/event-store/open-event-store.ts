import { EventStoreLocation } from '../../config';
import { EventStore } from '../../core/event-store';
import { ChainedEventStore } from './chained-event-store';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/**
 * Opens the configured event store, every append on the audit hash chain; an unreachable one fails
 * here, with a clear message, at start-up.
 */
export async function openEventStore(location: EventStoreLocation): Promise<EventStore> {
  return new ChainedEventStore(await openAdapter(location));
}

async function openAdapter(location: EventStoreLocation): Promise<EventStore> {
  switch (location.kind) {
    case 'sqlite':
      return new SqliteEventStore(location.path);
    case 'postgres':
      return PostgresEventStore.open({ connectionString: location.url });
    case 'eventstoredb':
      return EventStoreDbEventStore.open({ connectionString: location.url });
  }
}
