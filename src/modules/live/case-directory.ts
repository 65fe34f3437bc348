import { Inject, Injectable } from '@nestjs/common';
import { RecordedEvent } from '../../core/event-store';
import { ReadModelDb } from '../../infrastructure/read-models/database';
import { READ_MODEL_DB } from '../../infrastructure/tokens';
import { Case, caseIdOfStream } from '../cases';

/** Lookups remembered for recent events: every subscriber of a center asks about the same event. */
const REMEMBERED = 2000;

/** A case's current summary from the case list: where it is and who handles it, for routing and checking live events. */
@Injectable()
export class CaseDirectory {
  private readonly recent = new Map<string, Promise<Case | undefined>>();

  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  async find(caseId: string): Promise<Case | undefined> {
    const row = await this.db.selectFrom('case_list').select('state').where('case_id', '=', caseId).executeTakeFirst();
    return row ? (JSON.parse(row.state) as Case) : undefined;
  }

  /**
   * The case of a live event, as the read models stood once they had applied it: one lookup per event,
   * shared by every subscriber it is delivered to (a thousand dashboards on one center ask once).
   * Undefined for an event that is not a case's.
   */
  forEvent(event: RecordedEvent): Promise<Case | undefined> {
    const caseId = caseIdOfStream(event.stream);
    if (caseId === null) return Promise.resolve(undefined);
    const key = `${event.stream}@${event.position}`;
    let found = this.recent.get(key);
    if (!found) {
      found = this.find(caseId);
      this.recent.set(key, found);
      // A failed lookup is not remembered: the next subscriber asks again.
      found.catch(() => this.recent.delete(key));
      if (this.recent.size > REMEMBERED) this.recent.delete(this.recent.keys().next().value!);
    }
    return found;
  }
}
