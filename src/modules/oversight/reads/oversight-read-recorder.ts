import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '../../../core/actor';
import { Clock } from '../../../core/clock';
import { EventStore } from '../../../core/event-store';
import { eventIdFor, newId } from '../../../core/ids';
import { CLOCK, EVENT_STORE } from '../../../infrastructure/tokens';
import { OVERSIGHT_READ, OversightReadData, boundedArguments, oversightReadStream } from './oversight-read';

/**
 * 监察留痕: every read by the oversight office — a query, or a subscription as it starts — is recorded,
 * who, what and when, before it is answered. Each read is its own stream, so reads never wait on one
 * another.
 */
@Injectable()
export class OversightReadRecorder {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  readonly record = async (operation: string, args: Record<string, unknown>, actor: Actor): Promise<void> => {
    const readId = newId();
    const at = this.clock.now().toISOString();
    const data: OversightReadData = {
      readId,
      userId: actor.id,
      centers: actor.centers ?? [],
      operation,
      arguments: boundedArguments(args),
      readAt: at,
    };
    await this.store.append(
      oversightReadStream(readId),
      [
        {
          id: eventIdFor(readId, 0),
          type: OVERSIGHT_READ,
          data,
          metadata: {
            actor,
            commandId: readId,
            correlationId: readId,
            causationId: readId,
            occurredAt: at,
            recordedAt: at,
            schemaVersion: 1,
          },
        },
      ],
      'no_stream',
    );
  };
}
