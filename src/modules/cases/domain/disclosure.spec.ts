import { specFor } from '../../../../test/support/given-when-then';
import { disclosureDecider } from './disclosure.decider';

const details = {
  readId: 'r1',
  caseId: 'case1',
  receiptNo: 'c1-20261123-0001',
  center: 'c1',
  window: 'civil-affairs',
  fields: ['idNumber' as const, 'phone' as const],
};

describe('recording an unmasked read (个人信息查阅记录)', () => {
  const spec = specFor(disclosureDecider);

  it('records who read what and why, at the time of the read', () => {
    spec([])
      .when({
        type: 'RecordDisclosure',
        data: { ...details, reason: ' identity check at the counter ', occurredAt: '2026-11-23T02:00:00.000Z' },
      })
      .then([
        { type: 'PersonalDataRevealed', data: { ...details, reason: 'identity check at the counter', readAt: '2026-11-23T02:00:00.000Z' } },
      ]);
  });

  it('refuses a read without a reason', () => {
    spec([])
      .when({ type: 'RecordDisclosure', data: { ...details, reason: '  ok ', occurredAt: '2026-11-23T02:00:00.000Z' } })
      .thenThrows('DISCLOSURE.REASON_REQUIRED');
  });

  it('records a read once', () => {
    spec([{ type: 'PersonalDataRevealed', data: { ...details, reason: 'check', readAt: '2026-11-23T02:00:00.000Z' } }])
      .when({ type: 'RecordDisclosure', data: { ...details, reason: 'again', occurredAt: '2026-11-23T02:00:00.000Z' } })
      .thenThrows('DISCLOSURE.ALREADY_RECORDED');
  });
});
