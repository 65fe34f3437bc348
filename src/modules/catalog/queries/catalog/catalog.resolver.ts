import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { READ_MODEL_DB } from '../../../../infrastructure/tokens';

const toItem = (row: { item: string; published_at: string }) => ({ ...JSON.parse(row.item), publishedAt: row.published_at });

@Resolver('ServiceItem')
export class CatalogResolver {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  @Query('catalog')
  async catalog() {
    const rows = await this.db.selectFrom('service_items').select(['item', 'published_at']).orderBy('code').execute();
    return rows.map(toItem);
  }

  @Query('serviceItem')
  async serviceItem(@Args('code') code: string) {
    const row = await this.db.selectFrom('service_items').select(['item', 'published_at']).where('code', '=', code).executeTakeFirst();
    return row ? toItem(row) : null;
  }
}
