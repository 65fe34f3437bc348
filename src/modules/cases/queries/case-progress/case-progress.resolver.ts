import { Args, Query, Resolver } from '@nestjs/graphql';
import { CatalogReader } from '../../../catalog/catalog.module';
import { CaseCommands } from '../../case-commands.service';
import { Case } from '../../domain/case.state';
import { ApplicantProof } from './applicant-proof';

/** Steps an applicant is shown; internal ones (warnings, urging, reassignment) stay internal. */
const PUBLIC_STEPS = new Set([
  'CaseSubmitted',
  'SupplementRequested',
  'SupplementReceived',
  'CaseAccepted',
  'CaseRejected',
  'CaseSuspended',
  'CaseResumed',
  'ExtensionApproved',
  'CaseCompleted',
  'ResultDelivered',
  'CaseWithdrawn',
  'CaseTerminated',
  'CaseArchived',
]);

/**
 * 进度查询: an applicant follows their own case by its receipt number and the last six characters of
 * the identity number it was submitted with. A wrong pair answers null, exactly like an unknown
 * receipt number, so the query tells nothing about other people's cases.
 */
@Resolver()
export class CaseProgressResolver {
  constructor(
    private readonly cases: CaseCommands,
    private readonly proof: ApplicantProof,
    private readonly catalog: CatalogReader,
  ) {}

  @Query('caseProgress')
  async caseProgress(@Args('receiptNo') receiptNo: string, @Args('idNumberLast6') idNumberLast6: string) {
    const found = await this.proof.caseOf(receiptNo, idNumberLast6);
    return found && this.progressOf(found);
  }

  private async progressOf(c: Case) {
    const history = await this.cases.history(c.id);
    const steps = history.filter((e) => PUBLIC_STEPS.has(e.type)).map((e) => ({ type: e.type, occurredAt: e.metadata.occurredAt }));
    const lastNotice = history.findLast((e) => e.type === 'SupplementRequested');
    const missingMaterials =
      c.status === 'AWAITING_SUPPLEMENT' && lastNotice ? (lastNotice.data as { missingMaterials: string[] }).missingMaterials : [];
    return {
      // Not in the schema: ratings resolve `invitedToRate` from it (InvitedToRateResolver).
      caseId: c.id,
      receiptNo: c.receiptNo,
      // Until acceptance pins a version, the case shows the item as the catalog names it now.
      itemName: c.item?.name ?? (await this.catalog.current(c.itemCode).catch(() => null))?.name ?? null,
      status: c.status,
      submittedAt: c.submittedAt,
      acceptedAt: c.acceptedAt,
      dueDate: c.timeLimit?.dueDate ?? null,
      completedAt: c.completedAt,
      outcome: c.outcome,
      missingMaterials,
      steps,
    };
  }
}
