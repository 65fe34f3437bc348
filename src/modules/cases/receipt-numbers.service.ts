import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../core/clock';
import { EventStore } from '../../core/event-store';
import { CLOCK, EVENT_STORE } from '../../infrastructure/tokens';
import { ReceiptIssuer } from './receipt-issuer';

/** 受理编号 for the service: the issuer (receipt-issuer.ts) on the service's store and clock. */
@Injectable()
export class ReceiptNumbers extends ReceiptIssuer {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(CLOCK) clock: Clock) {
    super(store, clock);
  }
}
