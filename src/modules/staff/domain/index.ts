/** staff's pure rules, for other modules' domain code: posts (AB岗) and attendance (考勤). */
export { attendanceDecider, attendanceStream, leaveCovers, onLeaveAllDay } from './attendance.decider';
export type { AttendanceState, Leave } from './attendance.decider';
export { onDutyOn, postAndCovers } from './posts';
export type { PostHolder, PostRole } from './posts';
export type { AbPair } from './staff.decider';
