import { Inject } from '@nestjs/common';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { READ_MODEL_DB } from '../../../../infrastructure/tokens';

import { ServiceItemDefinition } from '../../domain/service-item';

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

  /** A step's limit and its shortest duration side by side, in the item's step order. */
  @ResolveField('participants')
  participants(@Parent() item: ServiceItemDefinition) {
    return item.participants ?? [];
  }

  @ResolveField('stepRules')
  stepRules(@Parent() item: ServiceItemDefinition) {
    return item.steps
      .filter((step) => item.stepLimits?.[step] !== undefined || item.stepMinimumDays?.[step] !== undefined)
      .map((step) => ({ step, limitWorkingDays: item.stepLimits?.[step] ?? null, minimumDays: item.stepMinimumDays?.[step] ?? null }));
  }
}
