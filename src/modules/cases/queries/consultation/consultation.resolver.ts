import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { EventStore, collect } from '../../../../core/event-store';
import { EVENT_STORE } from '../../../../infrastructure/tokens';
import { consultationStream } from '../../domain/consultation.decider';
import { consultationView } from './consultation.view';

@Resolver()
export class ConsultationResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Query('consultation')
  async consultation(@Args('id') id: string) {
    const [event] = await collect(this.store.readStream(consultationStream(id), { maxCount: 1 }));
    return event ? consultationView(event) : null;
  }
}
