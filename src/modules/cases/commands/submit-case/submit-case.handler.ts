import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ValidationError } from '../../../../core/errors';
import { uuidFromName } from '../../../../core/ids';
import { CatalogReader } from '../../../catalog/catalog.module';
import { CaseCommands, CasePayload } from '../../case-commands.service';
import { ReceiptNumbers } from '../../receipt-numbers.service';
import { SubmitCaseCommand } from './submit-case.resolver';

@CommandHandler(SubmitCaseCommand)
export class SubmitCaseHandler implements ICommandHandler<SubmitCaseCommand> {
  constructor(
    private readonly cases: CaseCommands,
    private readonly catalog: CatalogReader,
    private readonly receipts: ReceiptNumbers,
  ) {}

  async execute({ input, actor }: SubmitCaseCommand): Promise<CasePayload> {
    // The case id follows from the command id, so a repeated submission finds its own case.
    const caseId = uuidFromName(`case:${input.commandId}`);
    const center = input.center ?? actor.center;
    if (!center) throw new ValidationError([{ field: 'center', message: 'is required when the token names no center' }]);
    const item = await this.catalog.current(input.itemCode);
    const target = { center, window: item.window };
    const applicant = {
      kind: input.applicant.kind,
      name: input.applicant.name,
      idNumber: input.applicant.idNumber.toUpperCase(),
      ...(input.applicant.phone ? { phone: input.applicant.phone } : {}),
    };
    const staffId = actor.role === 'applicant' ? null : actor.id;
    const submit = (receiptNo: string) => (occurredAt: string) =>
      ({
        type: 'SubmitCase',
        data: { caseId, receiptNo, center, item, applicant, channel: input.channel, materials: input.materials, staffId, occurredAt },
      }) as const;
    // A receipt number is issued only for a case that will be submitted: every check runs first, so a
    // refused submission leaves no number behind (a gap in the numbers would look like a deleted case).
    // A repeated submission finds its case there, with the number it was given.
    const existing = await this.cases.check('Mutation.submitCase', caseId, input, actor, submit(PENDING_RECEIPT_NO), target);
    const receiptNo = existing?.receiptNo ?? (await this.receipts.issue(center, caseId, input.commandId, actor));
    return this.cases.execute('Mutation.submitCase', caseId, input, actor, submit(receiptNo), target);
  }
}

/** Stands in for the number while the submission is checked; never recorded. */
const PENDING_RECEIPT_NO = 'pending';
