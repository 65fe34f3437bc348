import { Module } from '@nestjs/common';
import { CatalogReader } from './catalog.reader';
import { PublishServiceItemHandler } from './commands/publish-service-item/publish-service-item.handler';
import { PublishServiceItemResolver } from './commands/publish-service-item/publish-service-item.resolver';
import { CatalogResolver } from './queries/catalog/catalog.resolver';
import { ServiceItemsProjection } from './queries/catalog/service-items.projection';

@Module({
  providers: [CatalogReader, PublishServiceItemHandler, PublishServiceItemResolver, CatalogResolver, ServiceItemsProjection],
  exports: [CatalogReader, ServiceItemsProjection],
})
export class CatalogModule {}

/** What other modules and the application module use that needs Nest. */
export { CatalogReader } from './catalog.reader';
export { importCatalogIfEmpty } from './catalog-import';
