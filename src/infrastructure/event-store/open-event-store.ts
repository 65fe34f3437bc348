import { StoreLocation } from '../../config';
import { EventStore } from '../../core/event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export function openEventStore(location: StoreLocation): EventStore {
  switch (location.kind) {
    case 'sqlite':
      return new SqliteEventStore(location.path);
  }
}
