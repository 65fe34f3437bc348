/** The statutory clock's pure arithmetic (限时办结, SPEC §5), for other modules' domain code. */
export * from './acceptance-days';
export * from './due-date';
export * from './statutory-clock';
export * from './working-calendar';
