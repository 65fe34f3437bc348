import { EventMetadata, NewEvent } from '../../src/core/event-store';
import { newId } from '../../src/core/ids';

export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  const now = new Date().toISOString();
  return {
    actor: { id: 'u1', role: 'staff', center: 'c1', window: 'w1' },
    commandId: newId(),
    correlationId: newId(),
    causationId: newId(),
    occurredAt: now,
    recordedAt: now,
    schemaVersion: 1,
    ...overrides,
  };
}

export function anEvent(type = 'Something', data: unknown = { n: 1 }, overrides: Partial<NewEvent> = {}): NewEvent {
  return { id: newId(), type, data, metadata: metadata(), ...overrides };
}
