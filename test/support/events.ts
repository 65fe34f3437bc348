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

/** A case submitted at window civil-affairs of center c1 (MZ-DB-001), as the read-model tests use it. */
export function aSubmittedCase(caseId: string): NewEvent {
  return anEvent('CaseSubmitted', {
    caseId,
    receiptNo: `c1-20260302-${caseId}`,
    center: 'c1',
    itemCode: 'MZ-DB-001',
    itemVersion: 1,
    kind: 'promised',
    window: 'civil-affairs',
    applicant: { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X' },
    channel: 'WINDOW',
    materials: ['书面申请'],
    submittedAt: '2026-03-02T01:00:00.000Z',
  });
}
