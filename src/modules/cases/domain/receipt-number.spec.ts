import { specFor } from '../../../../test/support/given-when-then';
import { formatReceiptNo, parseReceiptNo, receiptBook } from './receipt-number';
import { maskIdNumber, maskPhone } from './personal-data';

describe('receipt numbers (受理编号)', () => {
  const given = specFor(receiptBook);
  const issue = (caseId: string) => ({
    type: 'IssueReceiptNumber' as const,
    data: { center: 'xx-town', day: '2026-03-02', caseId, occurredAt: '2026-03-02T01:00:00.000Z' },
  });

  it('numbers a day from 0001', () =>
    given([])
      .when(issue('a'))
      .then([
        {
          type: 'ReceiptNumberIssued',
          data: {
            receiptNo: 'xx-town-20260302-0001',
            center: 'xx-town',
            day: '2026-03-02',
            seq: 1,
            caseId: 'a',
            issuedAt: '2026-03-02T01:00:00.000Z',
          },
        },
      ]));

  it('continues after the last number issued', () =>
    given(receiptBook.decide(issue('a'), receiptBook.initialState()))
      .when(issue('b'))
      .then((events) => expect(events[0].data.receiptNo).toBe('xx-town-20260302-0002')));

  it('parses a number back, even when the center id contains dashes', () => {
    expect(parseReceiptNo(formatReceiptNo('xx-town', '2026-03-02', 12))).toEqual({ center: 'xx-town', day: '2026-03-02', seq: 12 });
    expect(parseReceiptNo('nonsense')).toBeUndefined();
  });
});

describe('masking', () => {
  it('keeps the first and last four characters of an identity number', () =>
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X'));
  it('keeps the first three and last four digits of a phone number', () => expect(maskPhone('13800138000')).toBe('138****8000'));
});
