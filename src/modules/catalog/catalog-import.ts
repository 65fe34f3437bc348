import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CommandBus } from '@nestjs/cqrs';
import { Actor } from '../../core/actor';
import { ReadModelDb } from '../../infrastructure/read-models/database';
import { PublishServiceItemCommand } from './commands/publish-service-item/publish-service-item.handler';
import { parseCatalogFile } from './catalog-file';

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system' };

/**
 * At first start the catalog is empty: publish every item of the YAML file. Command ids come from
 * the file's content, so two instances starting together, or a restart half-way, publish each item once.
 */
export async function importCatalogIfEmpty(db: ReadModelDb, commandBus: CommandBus, path: string): Promise<number> {
  const { count } = (await db
    .selectFrom('service_items')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow()) as { count: number };
  if (Number(count) > 0) return 0;
  const text = readFileSync(path, 'utf8');
  const items = parseCatalogFile(text, path);
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
  for (const item of items) {
    await commandBus.execute(new PublishServiceItemCommand({ commandId: `catalog-import:${digest}:${item.code}`, item }, SYSTEM_ACTOR));
  }
  return items.length;
}
