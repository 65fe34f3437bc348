import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '../../core/actor';
import { Clock } from '../../core/clock';
import { localDateOf } from '../../core/dates';
import { EventStore } from '../../core/event-store';
import { handleCommand } from '../../core/handle-command';
import { CLOCK, EVENT_STORE } from '../../infrastructure/tokens';
import { parseReceiptNo, ReceiptNumberIssued, receiptBook, receiptStream } from './domain/receipt-number';

/** Issues 受理编号 in the order submissions are recorded, and finds the case a number belongs to. */
@Injectable()
export class ReceiptNumbers {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(center: string, caseId: string, commandId: string, actor: Actor): Promise<string> {
    const now = this.clock.now();
    const day = localDateOf(now);
    const result = await handleCommand({
      store: this.store,
      stream: receiptStream(center, day),
      decider: receiptBook,
      command: { type: 'IssueReceiptNumber', data: { center, day, caseId, occurredAt: now.toISOString() } },
      context: { commandId: `receipt:${commandId}`, actor, occurredAt: now.toISOString(), now },
    });
    return (result.events[0] as unknown as ReceiptNumberIssued).data.receiptNo;
  }

  async caseIdOf(receiptNo: string): Promise<string | null> {
    const parsed = parseReceiptNo(receiptNo);
    if (!parsed) return null;
    for await (const event of this.store.readStream(receiptStream(parsed.center, parsed.day), { fromRevision: BigInt(parsed.seq - 1), maxCount: 1 })) {
      const data = (event as unknown as ReceiptNumberIssued).data;
      if (data.receiptNo === receiptNo.trim()) return data.caseId;
    }
    return null;
  }
}
