import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { ValidationError } from '../../../../core/errors';
import { uuidFromName } from '../../../../core/ids';
import { AppConfig } from '../../../../config';
import { CALENDAR, CLOCK, CONFIG } from '../../../../infrastructure/tokens';
import { WorkingCalendar } from '../../../time-limits';
import { ComplaintCommands } from '../../complaint-commands.service';
import { answerDueOn } from '../../domain/complaint.decider';
import { complaintView } from '../../queries/complaint/complaint.view';
import { FileComplaintCommand } from './file-complaint.resolver';

@CommandHandler(FileComplaintCommand)
export class FileComplaintHandler implements ICommandHandler<FileComplaintCommand> {
  constructor(
    private readonly complaints: ComplaintCommands,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ input, actor }: FileComplaintCommand) {
    const center = input.center ?? actor.center;
    if (!center) throw new ValidationError([{ field: 'center', message: 'is required when the token names no center' }]);
    const complaintId = uuidFromName(`complaint:${input.commandId}`);
    const { complaint, duplicate } = await this.complaints.execute(
      'Mutation.fileComplaint',
      complaintId,
      input,
      actor,
      (occurredAt) => ({
        type: 'FileComplaint',
        data: {
          ...this.dates(occurredAt),
          complaintId,
          center,
          channel: input.channel,
          about: { staffId: input.about.staffId ?? null, window: input.about.window ?? null, caseId: input.about.caseId ?? null },
          complainant: {
            name: input.complainant.name,
            phone: input.complainant.phone ?? null,
            idNumber: input.complainant.idNumber?.toUpperCase() ?? null,
          },
          matter: input.matter,
          major: input.major ?? false,
          occurredAt,
        },
      }),
      { newCenter: center, occurredAt: input.occurredAt, backfillReason: input.backfillReason },
    );
    return { complaint: complaintView(complaint, actor, localDateOf(this.clock.now())), duplicate };
  }

  /** The day it was received, and the day its answer is due (SPEC §7, the center's CASETRAIL_COMPLAINT_ANSWER_*). */
  private dates(occurredAt: string) {
    const filedOn = localDateOf(occurredAt);
    return { filedOn, answerDue: answerDueOn(filedOn, this.config.complaintAnswer, this.calendar) };
  }
}
