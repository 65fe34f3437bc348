import { EventStoreDbEventStore } from '../../src/infrastructure/event-store/eventstoredb/eventstoredb-event-store';
import { describeWhenAvailable } from '../support/environment';
import { describeEventStoreContract } from './event-store.contract';

/**
 * The contract against a real EventStoreDB (21.10 or later), e.g.
 * CASETRAIL_TEST_ESDB_URL='esdb://127.0.0.1:2113?tls=false'. Streams are named uniquely per run, so a
 * shared server can be used; nothing is deleted afterwards.
 */
const url = process.env.CASETRAIL_TEST_ESDB_URL;

describeWhenAvailable(
  'EventStoreDB event store',
  url ? { ok: true } : { ok: false, reason: 'no EventStoreDB server configured (set CASETRAIL_TEST_ESDB_URL=esdb://host:2113?tls=false)' },
  'CASETRAIL_REQUIRE_ESDB',
  () => {
    describeEventStoreContract('EventStoreDB', async () => {
      const subject = {
        store: await EventStoreDbEventStore.open({ connectionString: url! }),
        async reopen() {
          await subject.store.close();
          return EventStoreDbEventStore.open({ connectionString: url! });
        },
        cleanup: async () => undefined,
      };
      return subject;
    });
  },
);

describe('EventStoreDB event store without a server', () => {
  it('fails to open with a clear error, without the password, when the server is unreachable', async () => {
    await expect(EventStoreDbEventStore.open({ connectionString: 'esdb://admin:changeit@127.0.0.1:1?tls=false' })).rejects.toMatchObject({
      code: 'STORE.UNAVAILABLE',
      message: expect.stringMatching(
        /^Cannot open the EventStoreDB event store at esdb:\/\/admin:\*\*\*@127\.0\.0\.1:1\?tls=false: .*ECONNREFUSED/,
      ),
    });
  });

  it('refuses a malformed connection string at start-up', async () => {
    await expect(EventStoreDbEventStore.open({ connectionString: 'esdb://' })).rejects.toMatchObject({ code: 'STORE.UNAVAILABLE' });
  });
});
