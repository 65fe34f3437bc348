import { Module } from '@nestjs/common';
import { AttendanceResolver } from './commands/attendance/attendance.resolver';
import { DefineWindowHandler } from './commands/define-window/define-window.handler';
import { DefineWindowResolver } from './commands/define-window/define-window.resolver';
import { RegisterStaffHandler } from './commands/register-staff/register-staff.handler';
import { RegisterStaffResolver } from './commands/register-staff/register-staff.resolver';
import { DirectoryProjection } from './queries/directory/directory.projection';
import { DirectoryResolver } from './queries/directory/directory.resolver';

/** Staff and windows (窗口, 首席代表, AB岗), maintained by admins as events, and their attendance (考勤: leave, absence). */
@Module({
  providers: [
    RegisterStaffHandler,
    RegisterStaffResolver,
    DefineWindowHandler,
    DefineWindowResolver,
    DirectoryResolver,
    DirectoryProjection,
    AttendanceResolver,
  ],
  exports: [DirectoryProjection],
})
export class StaffModule {}
