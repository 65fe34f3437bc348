import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { CALENDAR, CLOCK } from '../../../../infrastructure/tokens';
import { WorkingCalendar } from '../../../time-limits/domain/working-calendar';
import { requireAcceptanceDay } from '../../domain/case.decide';
import { authorizeTarget } from '../../../../core/access-policy';
import { ValidationError } from '../../../../core/errors';
import { uuidFromName } from '../../../../core/ids';
import { CatalogReader } from '../../../catalog/catalog.reader';
import { CaseCommands, CasePayload } from '../../case-commands.service';
import { ReceiptNumbers } from '../../receipt-numbers.service';
import { SubmitCaseCommand } from './submit-case.resolver';

@CommandHandler(SubmitCaseCommand)
export class SubmitCaseHandler implements ICommandHandler<SubmitCaseCommand> {
  constructor(
    private readonly cases: CaseCommands,
    private readonly catalog: CatalogReader,
    private readonly receipts: ReceiptNumbers,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, actor }: SubmitCaseCommand): Promise<CasePayload> {
    // The case id follows from the command id, so a repeated submission finds its own case.
    const caseId = uuidFromName(`case:${input.commandId}`);
    const center = input.center ?? actor.center;
    if (!center) throw new ValidationError([{ field: 'input.center', message: 'is required when the token names no center' }]);
    const item = await this.catalog.current(input.itemCode);
    // Checked before a receipt number is issued: a refused submission records nothing.
    const target = { center, window: item.window };
    authorizeTarget('Mutation.submitCase', actor, target);
    requireAcceptanceDay(item, localDateOf(input.occurredAt ?? this.clock.now()), this.calendar);
    const existing = await this.cases.load(caseId);
    const receiptNo = existing?.receiptNo ?? (await this.receipts.issue(center, caseId, input.commandId, actor));
    const applicant = {
      kind: input.applicant.kind,
      name: input.applicant.name,
      idNumber: input.applicant.idNumber.toUpperCase(),
      ...(input.applicant.phone ? { phone: input.applicant.phone } : {}),
    };
    const staffId = actor.role === 'applicant' ? null : actor.id;
    return this.cases.execute('Mutation.submitCase', caseId, input, actor, (occurredAt) => ({
      type: 'SubmitCase',
      data: { caseId, receiptNo, center, item, applicant, channel: input.channel, materials: input.materials, staffId, occurredAt },
    }), target);
  }
}
