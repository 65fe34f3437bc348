import { assertNever, Decider, DomainCommand, DomainEvent } from '../../../core/decider';

/**
 * 受理编号: <center>-<YYYYMMDD>-<NNNN>, numbered per center and day in the order the service
 * recorded the submissions. Each day's numbers are a stream of their own, so a number can be
 * looked up without any read model and two submissions can never share one.
 */
export type IssueReceiptNumber = DomainCommand<'IssueReceiptNumber', { center: string; day: string; caseId: string; occurredAt: string }>;
export type ReceiptNumberIssued = DomainEvent<
  'ReceiptNumberIssued',
  { receiptNo: string; center: string; day: string; seq: number; caseId: string; issuedAt: string }
>;
export type ReceiptBook = { issued: number };

export const receiptStream = (center: string, day: string) => `receipts-${center}-${day.replace(/-/g, '')}`;

export function formatReceiptNo(center: string, day: string, seq: number): string {
  return `${center}-${day.replace(/-/g, '')}-${String(seq).padStart(4, '0')}`;
}

/** Splits a receipt number from the right, since center ids may themselves contain "-". */
export function parseReceiptNo(receiptNo: string): { center: string; day: string; seq: number } | undefined {
  const m = /^(.+)-(\d{4})(\d{2})(\d{2})-(\d{4,})$/.exec(receiptNo.trim());
  return m ? { center: m[1], day: `${m[2]}-${m[3]}-${m[4]}`, seq: Number(m[5]) } : undefined;
}

/** Its state is the last number issued: the stream's last event is all it needs (see `stateFromLastEvent`). */
export const receiptBook: Decider<ReceiptBook, IssueReceiptNumber, ReceiptNumberIssued> = {
  initialState: () => ({ issued: 0 }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ReceiptNumberIssued':
        return { issued: event.data.seq };
      default:
        return assertNever(event.type, 'receipt event');
    }
  },
  decide: (command, state) => {
    const { center, day, caseId, occurredAt } = command.data;
    const seq = state.issued + 1;
    return [
      {
        type: 'ReceiptNumberIssued',
        data: { receiptNo: formatReceiptNo(center, day, seq), center, day, seq, caseId, issuedAt: occurredAt },
      },
    ];
  },
};
