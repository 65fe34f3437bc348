import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres/postgres-event-store';
import { describeWithPostgres, dropSchema, freshSchemaName, POSTGRES_URL } from '../support/postgres';
import { describeEventStoreContract } from './event-store.contract';

describeWithPostgres('PostgreSQL event store', () => {
  describeEventStoreContract('PostgreSQL', async () => {
    const schema = freshSchemaName();
    const subject = {
      store: await PostgresEventStore.open({ connectionString: POSTGRES_URL, schema, pollIntervalMs: 200 }),
      async reopen() {
        await subject.store.close();
        return PostgresEventStore.open({ connectionString: POSTGRES_URL, schema, pollIntervalMs: 200 });
      },
      cleanup: () => dropSchema(schema),
    };
    return subject;
  });

  it('fails to open with a clear error, without the password, when the server is unreachable', async () => {
    await expect(PostgresEventStore.open({ connectionString: 'postgres://casetrail:secret@127.0.0.1:1/none' })).rejects.toThrow(
      /Cannot open the PostgreSQL event store at postgres:\/\/casetrail:\*\*\*@127\.0\.0\.1:1\/none/,
    );
  });
});
