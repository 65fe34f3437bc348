import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../core/errors';
import { EventStore, asDomainEvent } from '../../core/event-store';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { ItemSnapshot } from './domain/item-snapshot';
import { catalogDecider, CatalogEvent, serviceItemStream } from './domain/catalog.decider';

/** Reads an item's current version straight from its stream: commands never act on a stale catalog. */
@Injectable()
export class CatalogReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async current(code: string): Promise<ItemSnapshot> {
    let state = catalogDecider.initialState();
    for await (const event of this.store.readStream(serviceItemStream(code)))
      state = catalogDecider.evolve(state, asDomainEvent<CatalogEvent>(event));
    if (!state.current) throw new DomainError('ITEM.NOT_FOUND', `No service item ${code} in the catalog`);
    return state.current;
  }
}
