import { Inject } from '@nestjs/common';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { EventStore, collect } from '../../../../core/event-store';
import { EVENT_STORE } from '../../../../infrastructure/tokens';
import { CaseCommands } from '../../case-commands.service';
import { consultationStream } from '../../domain/consultation.decider';
import { maskEventData, maskIdNumber, maskPhone } from '../../domain/personal-data';
import { Case } from '../../domain/case.state';
import { ReceiptNumbers } from '../../receipt-numbers.service';
import { consultationView } from '../consultation/consultation.view';

/** A single case, always read from its own stream, so it is current the moment a mutation returns. */
@Resolver('Case')
export class CaseResolver {
  constructor(
    private readonly cases: CaseCommands,
    private readonly receipts: ReceiptNumbers,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Query('case')
  case(@Args('id') id: string) {
    return this.cases.load(id);
  }

  @Query('caseByReceiptNo')
  async caseByReceiptNo(@Args('receiptNo') receiptNo: string) {
    const id = await this.receipts.caseIdOf(receiptNo);
    return id ? this.cases.load(id) : null;
  }

  @Query('consultation')
  async consultation(@Args('id') id: string) {
    const [event] = await collect(this.store.readStream(consultationStream(id), { maxCount: 1 }));
    return event ? consultationView(event) : null;
  }

  @ResolveField('applicant')
  applicant(@Parent() c: Case) {
    return { ...c.applicant, idNumber: maskIdNumber(c.applicant.idNumber), phone: c.applicant.phone ? maskPhone(c.applicant.phone) : null };
  }

  @ResolveField('itemName')
  itemName(@Parent() c: Case) {
    return c.item?.name ?? null;
  }

  @ResolveField('timeLimit')
  timeLimit(@Parent() c: Case) {
    return c.timeLimit && { ...c.timeLimit, onTime: c.onTime };
  }

  @ResolveField('history')
  async history(@Parent() c: Case) {
    const events = await this.cases.history(c.id);
    return events.map((e) => ({
      position: e.position.toString(),
      revision: Number(e.revision),
      type: e.type,
      occurredAt: e.metadata.occurredAt,
      recordedAt: e.metadata.recordedAt,
      backfilled: Boolean(e.metadata.backfill),
      backfillReason: e.metadata.backfill?.reason ?? null,
      actor: e.metadata.actor,
      commandId: e.metadata.commandId,
      data: maskEventData(e.type, e.data),
    }));
  }
}
