import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { authorizeTarget } from '../../../../core/access-policy';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { EventStore } from '../../../../core/event-store';
import { handleCommand } from '../../../../core/handle-command';
import { uuidFromName } from '../../../../core/ids';
import { AppConfig } from '../../../../config';
import { commandContext } from '../../../../infrastructure/graphql/command-input';
import { CALENDAR, CLOCK, CONFIG, EVENT_STORE } from '../../../../infrastructure/tokens';
import { WorkingCalendar } from '../../../time-limits';
import { consultationDecider, consultationStream } from '../../domain/consultation.decider';
import { consultationView } from '../../queries/consultation/consultation.view';
import { RecordConsultationCommand } from './record-consultation.resolver';

@CommandHandler(RecordConsultationCommand)
export class RecordConsultationHandler implements ICommandHandler<RecordConsultationCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ input, actor }: RecordConsultationCommand) {
    // A first-inquiry officer records visits at their own window.
    authorizeTarget('Mutation.recordConsultation', actor, { center: actor.center ?? '', window: actor.window ?? null });
    const consultationId = uuidFromName(`consultation:${input.commandId}`);
    const result = await handleCommand({
      store: this.store,
      stream: consultationStream(consultationId),
      decider: consultationDecider,
      command: (occurredAt) => {
        const routedOn = localDateOf(occurredAt);
        // 首问负责: a visit sent to a window of this center stays open until that window closes it.
        const routing =
          input.routedToWindow && actor.center
            ? {
                center: actor.center,
                window: input.routedToWindow,
                officer: actor.id,
                officerWindow: actor.window ?? null,
                routedOn,
                followUpDue: this.calendar.addWorkingDays(routedOn, this.config.consultationFollowUpWorkingDays),
              }
            : null;
        return {
          type: 'RecordConsultation' as const,
          data: {
            consultationId,
            visitorName: input.visitorName,
            visitorPhone: input.visitorPhone ?? null,
            topic: input.topic,
            itemCode: input.itemCode ?? null,
            routedTo: input.routedTo ?? null,
            notes: input.notes ?? null,
            routing,
            occurredAt,
          },
        };
      },
      context: commandContext(input, actor, this.clock.now()),
    });
    return { consultation: consultationView(result.events), duplicate: result.duplicate };
  }
}
