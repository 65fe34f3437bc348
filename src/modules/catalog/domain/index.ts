/** The service item (事项) as other modules' domain code sees it. */
export * from './item-snapshot';
export * from './service-item';
