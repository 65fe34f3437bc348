import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Actor } from '../../../../core/actor';
import { Clock } from '../../../../core/clock';
import { EventStore } from '../../../../core/event-store';
import { CLOCK, EVENT_STORE } from '../../../../infrastructure/tokens';
import { ItemSnapshot } from '../../domain/item-snapshot';
import { serviceItemStream } from '../../domain/catalog.decider';
import { ServiceItemDefinition } from '../../domain/service-item';
import { publishItem } from '../../publish-item';

export interface PublishServiceItemResult {
  item: ItemSnapshot & { publishedAt: string };
  changed: boolean;
  duplicate: boolean;
}

export class PublishServiceItemCommand extends Command<PublishServiceItemResult> {
  constructor(
    readonly input: { commandId: string; item: ServiceItemDefinition; occurredAt?: string | null; backfillReason?: string | null },
    readonly actor: Actor,
  ) {
    super();
  }
}

@CommandHandler(PublishServiceItemCommand)
export class PublishServiceItemHandler implements ICommandHandler<PublishServiceItemCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, actor }: PublishServiceItemCommand): Promise<PublishServiceItemResult> {
    const now = this.clock.now();
    const stream = serviceItemStream(input.item.code);
    const result = await publishItem(this.store, input.item, {
      commandId: input.commandId,
      actor,
      now,
      occurredAt: input.occurredAt ?? undefined,
      backfillReason: input.backfillReason ?? undefined,
    });
    const published = result.events.at(-1) ?? (await this.lastPublication(stream));
    return {
      item: {
        ...result.state.current!,
        publishedAt: published ? String((published.data as { publishedAt: string }).publishedAt) : now.toISOString(),
      },
      changed: result.events.length > 0 && !result.duplicate,
      duplicate: result.duplicate,
    };
  }

  private async lastPublication(stream: string) {
    let last;
    for await (const event of this.store.readStream(stream)) last = event;
    return last;
  }
}
