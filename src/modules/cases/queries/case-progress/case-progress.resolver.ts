import { Args, Query, Resolver } from '@nestjs/graphql';
import { timingSafeEqual } from 'node:crypto';
import { CatalogReader } from '../../../catalog/catalog.reader';
import { CaseCommands } from '../../case-commands.service';
import { Case } from '../../domain/case.state';
import { ReceiptNumbers } from '../../receipt-numbers.service';
import { ProgressAttempts } from './progress-attempts';

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

function sameLast6(idNumber: string, given: string): boolean {
  const a = Buffer.from(idNumber.slice(-6).toUpperCase());
  const b = Buffer.from(given.trim().toUpperCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * 进度查询: an applicant follows their own case by its receipt number and the last six characters of
 * the identity number it was submitted with. A wrong pair answers null, exactly like an unknown
 * receipt number, so the query tells nothing about other people's cases.
 */
@Resolver()
export class CaseProgressResolver {
  constructor(
    private readonly cases: CaseCommands,
    private readonly receipts: ReceiptNumbers,
    private readonly attempts: ProgressAttempts,
    private readonly catalog: CatalogReader,
  ) {}

  @Query('caseProgress')
  async caseProgress(@Args('receiptNo') receiptNo: string, @Args('idNumberLast6') idNumberLast6: string) {
    this.attempts.assertAllowed(receiptNo);
    const id = receiptNo.length <= 64 ? await this.receipts.caseIdOf(receiptNo) : null;
    const found = id ? await this.cases.load(id) : null;
    if (!found || !sameLast6(found.applicant.idNumber, idNumberLast6)) {
      this.attempts.recordFailure(receiptNo);
      return null;
    }
    return this.progressOf(found);
  }

  private async progressOf(c: Case) {
    const history = await this.cases.history(c.id);
    const invitedToRate = c.completedAt !== null && (await this.cases.invitedToRate(c.id));
    const steps = history.filter((e) => PUBLIC_STEPS.has(e.type)).map((e) => ({ type: e.type, occurredAt: e.metadata.occurredAt }));
    const lastNotice = history.findLast((e) => e.type === 'SupplementRequested');
    const missingMaterials = c.status === 'AWAITING_SUPPLEMENT' && lastNotice ? (lastNotice.data as { missingMaterials: string[] }).missingMaterials : [];
    return {
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
      invitedToRate,
    };
  }
}
