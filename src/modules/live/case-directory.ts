import { Inject, Injectable } from '@nestjs/common';
import { ReadModelDb } from '../../infrastructure/read-models/database';
import { READ_MODEL_DB } from '../../infrastructure/tokens';
import { Case } from '../cases/domain/case.state';

/** A case's current summary from the case list, for routing live events to the right center. */
@Injectable()
export class CaseDirectory {
  /** A case never changes center, so its center is remembered. */
  private readonly centers = new Map<string, string>();

  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  async find(caseId: string): Promise<Case | undefined> {
    const row = await this.db.selectFrom('case_list').select('state').where('case_id', '=', caseId).executeTakeFirst();
    return row ? (JSON.parse(row.state) as Case) : undefined;
  }

  async centerOf(caseId: string): Promise<string | undefined> {
    const known = this.centers.get(caseId);
    if (known) return known;
    const found = await this.find(caseId);
    if (found) {
      if (this.centers.size > 100_000) this.centers.clear();
      this.centers.set(caseId, found.center);
    }
    return found?.center;
  }
}
