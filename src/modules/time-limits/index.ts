/**
 * time-limits: the working calendar and the clock's arithmetic (限时办结). A leaf: it knows no other
 * module. The cases it is applied to, and the watchers that write warnings, live in their own modules.
 */
export * from './domain';
export {
  CenterCalendarFile,
  buildCalendar,
  calendarWarnings,
  loadCalendar,
  parseCenterCalendar,
  statutoryHolidays,
} from './official-calendar';
