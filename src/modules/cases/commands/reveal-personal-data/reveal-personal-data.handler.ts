import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { authorizeTarget } from '../../../../core/access-policy';
import { Clock } from '../../../../core/clock';
import { DomainError } from '../../../../core/errors';
import { handleCommand } from '../../../../core/handle-command';
import { uuidFromName } from '../../../../core/ids';
import { fingerprintOf } from '../../../../infrastructure/graphql/command-input';
import { CLOCK, EVENT_STORE } from '../../../../infrastructure/tokens';
import { EventStore } from '../../../../core/event-store';
import { CaseCommands } from '../../case-commands.service';
import { caseTarget } from '../../case-target';
import { disclosureDecider, disclosureStream } from '../../domain/disclosure.decider';
import { PersonalDataPayload, RevealPersonalDataCommand } from './reveal-personal-data.resolver';

/**
 * The privileged path to an applicant's full numbers: allowed to those who handle the case and to
 * oversight, and recorded before anything is shown. A refused or failed read shows and records nothing.
 */
@CommandHandler(RevealPersonalDataCommand)
export class RevealPersonalDataHandler implements ICommandHandler<RevealPersonalDataCommand> {
  constructor(
    private readonly cases: CaseCommands,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, actor }: RevealPersonalDataCommand): Promise<PersonalDataPayload> {
    const c = await this.cases.require(input.caseId);
    authorizeTarget('Mutation.revealPersonalData', actor, caseTarget(c));
    const readId = uuidFromName(`disclosure:${input.commandId}`);
    const fields: ('idNumber' | 'phone')[] = c.applicant.phone ? ['idNumber', 'phone'] : ['idNumber'];
    const result = await handleCommand({
      store: this.store,
      stream: disclosureStream(readId),
      decider: disclosureDecider,
      command: (occurredAt) => ({
        type: 'RecordDisclosure',
        data: {
          readId,
          caseId: c.id,
          receiptNo: c.receiptNo,
          center: c.center,
          window: c.window,
          reason: input.reason,
          fields,
          occurredAt,
        },
      }),
      // A read happens now; it is never backfilled.
      context: { commandId: input.commandId, actor, fingerprint: fingerprintOf(input), now: this.clock.now() },
    });
    const recorded = result.events[0]?.data as { caseId?: string } | undefined;
    if (recorded?.caseId !== c.id) throw new DomainError('COMMAND.ID_REUSED', 'This commandId was already used for a different command');
    return {
      caseId: c.id,
      name: c.applicant.name,
      idNumber: c.applicant.idNumber,
      phone: c.applicant.phone ?? null,
      readId,
      duplicate: result.duplicate,
    };
  }
}
