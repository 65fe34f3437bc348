import { Inject, Injectable } from '@nestjs/common';
import { ReadModelDb } from '../../infrastructure/read-models/database';
import { READ_MODEL_DB } from '../../infrastructure/tokens';
import { Case } from '../cases/domain/case.state';

/** A case's current summary from the case list: where it is and who handles it, for routing and checking live events. */
@Injectable()
export class CaseDirectory {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  async find(caseId: string): Promise<Case | undefined> {
    const row = await this.db.selectFrom('case_list').select('state').where('case_id', '=', caseId).executeTakeFirst();
    return row ? (JSON.parse(row.state) as Case) : undefined;
  }
}
