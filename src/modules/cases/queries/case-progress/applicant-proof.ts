import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { CaseCommands } from '../../case-commands.service';
import { Case } from '../../domain/case.state';
import { ReceiptNumbers } from '../../receipt-numbers.service';
import { ProgressAttempts } from './progress-attempts';

/**
 * How an applicant proves a case is theirs (进度查询, 好差评): its receipt number and the last six
 * characters of the identity number it was submitted with. Wrong guesses count towards the lockout of
 * ProgressAttempts; an unknown receipt number and a wrong suffix look the same.
 */
@Injectable()
export class ApplicantProof {
  constructor(
    private readonly cases: CaseCommands,
    private readonly receipts: ReceiptNumbers,
    private readonly attempts: ProgressAttempts,
  ) {}

  /** The case, when the pair matches; null (and one more failed attempt) otherwise. */
  async caseOf(receiptNo: string, idNumberLast6: string): Promise<Case | null> {
    await this.attempts.assertAllowed(receiptNo);
    const id = receiptNo.length <= 64 ? await this.receipts.caseIdOf(receiptNo) : null;
    const found = id ? await this.cases.load(id) : null;
    if (!found || !sameSuffix(found.applicant.idNumber, idNumberLast6)) {
      await this.attempts.recordFailure(receiptNo);
      return null;
    }
    return found;
  }
}

function sameSuffix(idNumber: string, given: string): boolean {
  const a = Buffer.from(idNumber.slice(-6).toUpperCase());
  const b = Buffer.from(given.trim().toUpperCase());
  return a.length === b.length && timingSafeEqual(a, b);
}
