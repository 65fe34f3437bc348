import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '../../core/actor';
import { Clock } from '../../core/clock';
import { localDateOf } from '../../core/dates';
import { EventStore } from '../../core/event-store';
import { handleCommand } from '../../core/handle-command';
import { KeyedQueue } from '../../core/keyed-queue';
import { CLOCK, EVENT_STORE } from '../../infrastructure/tokens';
import { parseReceiptNo, ReceiptNumberIssued, receiptBook, receiptStream } from './domain/receipt-number';

/**
 * Issues 受理编号 in the order submissions are recorded, and finds the case a number belongs to.
 * A center's day is one stream that every submission appends to, so this process queues its own
 * writers to it instead of letting them race.
 */
@Injectable()
export class ReceiptNumbers {
  private readonly queue = new KeyedQueue();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(center: string, caseId: string, commandId: string, actor: Actor): Promise<string> {
    const now = this.clock.now();
    const day = localDateOf(now);
    const stream = receiptStream(center, day);
    const result = await this.queue.run(stream, () => handleCommand({
      store: this.store,
      stream,
      decider: receiptBook,
      command: (occurredAt) => ({ type: 'IssueReceiptNumber', data: { center, day, caseId, occurredAt } }),
      context: { commandId: `receipt:${commandId}`, actor, now },
      // A busy center-day has thousands of numbers; the next one needs only the last.
      stateFromLastEvent: true,
    }));
    return (result.events[0] as unknown as ReceiptNumberIssued).data.receiptNo;
  }

  caseIdOf(receiptNo: string): Promise<string | null> {
    return caseIdOfReceipt(this.store, receiptNo);
  }
}

/** The case a receipt number was issued to: one read of the number's own event in its center-day. */
export async function caseIdOfReceipt(store: EventStore, receiptNo: string): Promise<string | null> {
  const parsed = parseReceiptNo(receiptNo);
  if (!parsed) return null;
  for await (const event of store.readStream(receiptStream(parsed.center, parsed.day), { fromRevision: BigInt(parsed.seq - 1), maxCount: 1 })) {
    const data = (event as unknown as ReceiptNumberIssued).data;
    if (data.receiptNo === receiptNo.trim()) return data.caseId;
  }
  return null;
}
