import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { authorizeTarget } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { EventStore, collect } from '../../../../core/event-store';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { EVENT_STORE } from '../../../../infrastructure/tokens';
import { consultationStream } from '../../domain/consultation.decider';
import { consultationView } from './consultation.view';

@Resolver()
export class ConsultationResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Query('consultation')
  async consultation(@Args('id') id: string, @CurrentActor() actor: Actor) {
    const [event] = await collect(this.store.readStream(consultationStream(id), { maxCount: 1 }));
    if (!event) return null;
    const view = consultationView(event);
    authorizeTarget('Query.consultation', actor, { center: view.center ?? '', window: view.window, handler: view.officer.id });
    return view;
  }
}
