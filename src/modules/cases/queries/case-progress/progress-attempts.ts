import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../../../core/clock';
import { DomainError } from '../../../../core/errors';
import { ReadModelDb, underSchemaLock } from '../../../../infrastructure/read-models/database';
import { CLOCK, READ_MODEL_DB } from '../../../../infrastructure/tokens';

/** Wrong guesses allowed per receipt number within the window, before the progress query locks it. */
export const MAX_FAILED_ATTEMPTS = 5;
export const ATTEMPT_WINDOW_MS = 15 * 60_000;

/** The receipt number as the lookup reads it: a variant with spaces around it is the same number, and counts as it. */
export const normalReceiptNo = (receiptNo: string) => receiptNo.trim();

/**
 * Receipt numbers follow a pattern and six characters are few, so guessing is limited: after five
 * wrong identity checks on a receipt number within 15 minutes, that receipt number answers
 * AUTH.TOO_MANY_ATTEMPTS until the window has passed. The failures are kept in the shared database
 * (table `progress_attempts`, not a read model: no event records a wrong guess), so every instance of
 * a deployment counts the same guesses, and a restart forgets nothing.
 */
@Injectable()
export class ProgressAttempts {
  private ready?: Promise<void>;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
  ) {}

  async assertAllowed(receiptNo: string): Promise<void> {
    if ((await this.recent(normalReceiptNo(receiptNo))) >= MAX_FAILED_ATTEMPTS) {
      throw new DomainError('AUTH.TOO_MANY_ATTEMPTS', 'Too many wrong attempts for this receipt number; try again in 15 minutes');
    }
  }

  async recordFailure(receiptNo: string): Promise<void> {
    await this.table();
    const now = this.clock.now().getTime();
    // Guesses older than the window count no more: they are cleared as new ones come.
    await this.db
      .deleteFrom('progress_attempts')
      .where('failed_at', '<=', now - ATTEMPT_WINDOW_MS)
      .execute();
    await this.db
      .insertInto('progress_attempts')
      .values({ receipt_no: normalReceiptNo(receiptNo).slice(0, 100), failed_at: now })
      .execute();
  }

  private async recent(receiptNo: string): Promise<number> {
    await this.table();
    const since = this.clock.now().getTime() - ATTEMPT_WINDOW_MS;
    const { count } = (await this.db
      .selectFrom('progress_attempts')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('receipt_no', '=', receiptNo.slice(0, 100))
      .where('failed_at', '>', since)
      .executeTakeFirstOrThrow()) as { count: number | string };
    return Number(count);
  }

  private table(): Promise<void> {
    // Under the schema lock: another instance may be creating it at the same moment.
    this.ready ??= underSchemaLock(this.db, () => this.create()).catch((error: Error) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async create(): Promise<void> {
    await this.db.schema
      .createTable('progress_attempts')
      .ifNotExists()
      .addColumn('receipt_no', 'text', (c) => c.notNull())
      .addColumn('failed_at', 'bigint', (c) => c.notNull())
      .execute();
    await this.db.schema
      .createIndex('progress_attempts_by_receipt')
      .ifNotExists()
      .on('progress_attempts')
      .columns(['receipt_no', 'failed_at'])
      .execute();
  }
}
