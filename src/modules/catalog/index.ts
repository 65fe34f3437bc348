import { ServiceItemsProjection } from './queries/catalog/service-items.projection';

/** catalog: the service items (事项目录 / 办事指南) cases are made of. It never reads cases. */
export * from './domain';
export { parseCatalogFile } from './catalog-file';
export { publishItem } from './publish-item';
export { SERVICE_ITEMS } from './queries/catalog/service-items.projection';

/** The catalog's read models. */
export const catalogProjections = () => [new ServiceItemsProjection()];
