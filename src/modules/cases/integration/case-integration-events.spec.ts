import { RecordedEvent } from '../../../core/event-store';
import { toIntegrationEvent } from './case-integration-events';

const recorded = (type: string, data: unknown, stream = 'case-c1'): RecordedEvent => ({
  id: 'e1',
  stream,
  revision: 0n,
  position: 42n,
  type,
  data,
  metadata: {
    actor: { id: 'u', role: 'staff' },
    commandId: 'c',
    correlationId: 'c',
    causationId: 'c',
    occurredAt: '2026-03-02T01:00:00.000Z',
    recordedAt: '2026-03-02T01:00:01.000Z',
    schemaVersion: 1,
  },
});

describe('integration events (the Kafka contract)', () => {
  it('maps a submission to casetrail.case.submitted.v1 without any personal data', () => {
    const event = toIntegrationEvent(
      recorded('CaseSubmitted', {
        caseId: 'c1',
        receiptNo: 'c1-20260302-0001',
        center: 'c1',
        itemCode: 'MZ-DB-001',
        itemVersion: 1,
        kind: 'promised',
        window: 'civil-affairs',
        channel: 'WINDOW',
        applicant: { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X', phone: '13800138000' },
        materials: ['户口簿'],
        receivedOn: '2026-03-02',
        supplementNoticeDue: '2026-03-09',
        submittedAt: '2026-03-02T01:00:00.000Z',
      }),
    );
    expect(event).toEqual({
      type: 'casetrail.case.submitted.v1',
      id: 'e1',
      caseId: 'c1',
      position: '42',
      occurredAt: '2026-03-02T01:00:00.000Z',
      recordedAt: '2026-03-02T01:00:01.000Z',
      data: {
        receiptNo: 'c1-20260302-0001',
        center: 'c1',
        window: 'civil-affairs',
        itemCode: 'MZ-DB-001',
        itemVersion: 1,
        kind: 'promised',
        channel: 'WINDOW',
      },
    });
    expect(JSON.stringify(event)).not.toMatch(/张三|11010519491231002X|13800138000/);
  });

  it('maps completion and the watcher’s warnings', () => {
    expect(
      toIntegrationEvent(
        recorded('CaseCompleted', {
          caseId: 'c1',
          outcome: 'APPROVED',
          reason: null,
          dueDate: '2026-03-09',
          onTime: true,
          withinFirstUrgingPeriod: null,
          completedAt: 'x',
        }),
      ),
    ).toMatchObject({
      type: 'casetrail.case.completed.v1',
      data: { outcome: 'APPROVED', onTime: true, dueDate: '2026-03-09' },
    });
    expect(
      toIntegrationEvent(
        recorded('DeadlineBreached', { caseId: 'c1', dueDate: '2026-03-09', breachedOn: '2026-03-10', workingDaysOver: 1 }),
      ),
    ).toMatchObject({
      type: 'casetrail.case.deadline_breached.v1',
      data: { level: 'RED', dueDate: '2026-03-09', workingDaysOver: 1 },
    });
  });

  it("maps a joint case's notice to its participants, their opinions and warnings, and a waiver; not a review's own suspension", () => {
    const notified = toIntegrationEvent(
      recorded('ParticipantsNotified', {
        caseId: 'c1',
        participants: [{ window: 'tax', department: '税务', reviewLimit: 5, required: true, dueDate: '2026-03-09' }],
        notifiedOn: '2026-03-02',
        fromCatalog: true,
        reason: null,
        notifiedAt: '2026-03-02T01:00:00.000Z',
      }),
    );
    expect(notified).toMatchObject({
      type: 'casetrail.case.participants_notified.v1',
      caseId: 'c1',
      data: { participants: [{ window: 'tax', department: '税务', reviewLimit: 5, required: true, dueDate: '2026-03-09' }] },
    });
    const opinion = toIntegrationEvent(
      recorded('OpinionRecorded', {
        caseId: 'c1',
        window: 'tax',
        department: '税务',
        opinion: 'DISAGREE',
        reasons: '欠税未清',
        conditions: [],
        recordedBy: 'tax-a',
        reviewLimit: 5,
        dueDate: '2026-03-09',
        workingDaysUsed: 6,
        workingDaysOver: 1,
        late: true,
        recordedAt: '2026-03-10T01:00:00.000Z',
      }),
    );
    expect(opinion).toMatchObject({
      type: 'casetrail.case.opinion_recorded.v1',
      data: { window: 'tax', opinion: 'DISAGREE', reasons: '欠税未清', late: true, workingDaysOver: 1 },
    });
    // Who gave it, as the acceptance names its handler.
    expect(opinion!.data.by).toBe('tax-a');
    expect(
      toIntegrationEvent(
        recorded('ReviewOverdue', { caseId: 'c1', window: 'tax', dueDate: '2026-03-09', breachedOn: '2026-03-10', workingDaysOver: 1 }),
      ),
    ).toMatchObject({
      type: 'casetrail.case.review_overdue.v1',
      data: { window: 'tax', level: 'RED', workingDaysOver: 1 },
    });
    expect(
      toIntegrationEvent(
        recorded('OpinionsWaived', { caseId: 'c1', windows: ['tax'], reason: '逾期未复', waivedAt: '2026-03-11T01:00:00.000Z' }),
      ),
    ).toMatchObject({
      type: 'casetrail.case.opinions_waived.v1',
      data: { windows: ['tax'], reason: '逾期未复' },
    });
    expect(
      toIntegrationEvent(
        recorded('ReviewSuspended', {
          caseId: 'c1',
          window: 'tax',
          reason: 'APPLICANT_REQUEST',
          detail: null,
          fromDate: '2026-03-03',
          suspendedAt: '2026-03-03T01:00:00.000Z',
        }),
      ),
    ).toBeUndefined();
  });

  it('maps the invitation to rate, keyed by its case', () => {
    expect(
      toIntegrationEvent(
        recorded(
          'RatingInvited',
          { caseId: 'c9', receiptNo: 'c1-20261119-0003', center: 'c1', completedOn: '2026-11-19', invitedOn: '2026-11-22' },
          'rating-invitation-c9',
        ),
      ),
    ).toMatchObject({
      type: 'casetrail.case.rating_invited.v1',
      caseId: 'c9',
      data: { receiptNo: 'c1-20261119-0003', completedOn: '2026-11-19' },
    });
  });

  it('leaves out what is internal or not about a case', () => {
    expect(
      toIntegrationEvent(
        recorded('CaseReassigned', { caseId: 'c1', fromStaffId: 'a', toStaffId: 'b', asCover: true, reason: 'x', reassignedAt: 'x' }),
      ),
    ).toBeUndefined();
    expect(toIntegrationEvent(recorded('ServiceItemPublished', {}, 'item-MZ-DB-001'))).toBeUndefined();
    expect(toIntegrationEvent(recorded('ReceiptNumberIssued', {}, 'receipts-c1-20260302'))).toBeUndefined();
    expect(toIntegrationEvent(recorded('ComplaintFiled', {}, 'complaint-k1'))).toBeUndefined();
    expect(toIntegrationEvent(recorded('ServiceRated', {}, 'rating-r1'))).toBeUndefined();
  });
});
