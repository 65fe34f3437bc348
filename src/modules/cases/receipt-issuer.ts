import { Actor } from '../../core/actor';
import { Clock } from '../../core/clock';
import { localDateOf } from '../../core/dates';
import { DuplicateEventError } from '../../core/errors';
import { EventStore, RecordedEvent, asDomainEvent } from '../../core/event-store';
import { handleCommand, handleCommands } from '../../core/handle-command';
import { KeyedBatcher, Outcome } from '../../core/keyed-batcher';
import { parseReceiptNo, ReceiptNumberIssued, receiptBook, receiptStream } from './domain/receipt-number';

interface ReceiptRequest {
  center: string;
  day: string;
  caseId: string;
  commandId: string;
  actor: Actor;
  now: Date;
}

/**
 * Issues 受理编号 in the order submissions are recorded, and finds the case a number belongs to.
 * A center's day is one stream that every submission appends to. The submissions that arrive while a
 * number is being recorded wait, and get theirs together in the next append: one read of the day's last
 * number and one commit for all of them, where one at a time would make the day's numbers the service's
 * limit. Each number keeps its own submission's command id, so a retried submission gets its number back.
 */
export class ReceiptIssuer {
  private readonly batcher = new KeyedBatcher<ReceiptRequest, string>((stream, requests) => this.record(stream, requests));
  /** Requests being issued, by command id: the same submission sent twice at once gets one number. */
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  issue(center: string, caseId: string, commandId: string, actor: Actor): Promise<string> {
    const running = this.inFlight.get(commandId);
    if (running) return running;
    const now = this.clock.now();
    const day = localDateOf(now);
    const issued = this.batcher.add(receiptStream(center, day), { center, day, caseId, commandId, actor, now });
    this.inFlight.set(commandId, issued);
    const forget = () => this.inFlight.delete(commandId);
    issued.then(forget, forget);
    return issued;
  }

  caseIdOf(receiptNo: string): Promise<string | null> {
    return caseIdOfReceipt(this.store, receiptNo);
  }

  private async record(stream: string, requests: ReceiptRequest[]): Promise<Outcome<string>[]> {
    // A busy center-day has thousands of numbers; the next one needs only the last.
    const base = { store: this.store, stream, decider: receiptBook, stateFromLastEvent: true };
    const one = (r: ReceiptRequest) => ({
      command: (occurredAt: string) => ({
        type: 'IssueReceiptNumber' as const,
        data: { center: r.center, day: r.day, caseId: r.caseId, occurredAt },
      }),
      context: { commandId: `receipt:${r.commandId}`, actor: r.actor, now: r.now },
    });
    try {
      const outcomes = await handleCommands({ ...base, commands: requests.map(one) });
      return outcomes.map((o) => ('ok' in o ? { ok: numberOf(o.ok.events) } : o));
    } catch (error) {
      if (!(error instanceof DuplicateEventError)) throw error;
      // A retried submission whose number was recorded earlier (its case was not): one at a time, each
      // finds its own earlier number.
      const outcomes: Outcome<string>[] = [];
      for (const r of requests) {
        try {
          outcomes.push({ ok: numberOf((await handleCommand({ ...base, ...one(r) })).events) });
        } catch (failure) {
          outcomes.push({ error: failure });
        }
      }
      return outcomes;
    }
  }
}

function numberOf(events: RecordedEvent[]): string {
  return asDomainEvent<ReceiptNumberIssued>(events[0]).data.receiptNo;
}

/** The case a receipt number was issued to: one read of the number's own event in its center-day. */
export async function caseIdOfReceipt(store: EventStore, receiptNo: string): Promise<string | null> {
  const parsed = parseReceiptNo(receiptNo);
  if (!parsed) return null;
  for await (const event of store.readStream(receiptStream(parsed.center, parsed.day), {
    fromRevision: BigInt(parsed.seq - 1),
    maxCount: 1,
  })) {
    const data = asDomainEvent<ReceiptNumberIssued>(event).data;
    if (data.receiptNo === receiptNo.trim()) return data.caseId;
  }
  return null;
}
