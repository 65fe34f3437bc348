import { Actor } from '../../core/actor';
import { EventStore } from '../../core/event-store';
import { CommandResult, handleCommand } from '../../core/handle-command';
import { catalogDecider, serviceItemStream, ServiceItemState } from './domain/catalog.decider';
import { ServiceItemDefinition } from './domain/service-item';

/** Publishes a service item (or its next version) through the catalog decider. */
export function publishItem(
  store: EventStore,
  item: ServiceItemDefinition,
  context: { commandId: string; actor: Actor; now: Date; occurredAt?: string; backfillReason?: string },
): Promise<CommandResult<ServiceItemState>> {
  return handleCommand({
    store,
    stream: serviceItemStream(item.code),
    decider: catalogDecider,
    command: (occurredAt) => ({ type: 'PublishServiceItem', data: { item, occurredAt } }),
    context,
  });
}
