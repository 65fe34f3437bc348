import { collect } from '../../src/core/event-store';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres/postgres-event-store';
import { anEvent } from '../support/events';
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

  it('fails only the append PostgreSQL cannot store (a NUL in JSON), not the others committed with it', async () => {
    const schema = freshSchemaName();
    const store = await PostgresEventStore.open({ connectionString: POSTGRES_URL, schema, pollIntervalMs: 200 });
    try {
      const results = await Promise.allSettled([
        store.append('case-a', [anEvent('A')], 'no_stream'),
        store.append('case-nul', [anEvent('B', { text: 'a\u0000b' })], 'no_stream'),
        store.append('case-c', [anEvent('C')], 'no_stream'),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await collect(store.readAll())).map((e) => e.stream)).toEqual(['case-a', 'case-c']);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });

  it('fails to open with a clear error, without the password, when the server is unreachable', async () => {
    await expect(PostgresEventStore.open({ connectionString: 'postgres://casetrail:secret@127.0.0.1:1/none' })).rejects.toThrow(
      /Cannot open the PostgreSQL event store at postgres:\/\/casetrail:\*\*\*@127\.0\.0\.1:1\/none/,
    );
  });
});
