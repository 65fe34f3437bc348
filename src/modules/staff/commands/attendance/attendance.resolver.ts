import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { authorizeTarget } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { ValidationError } from '../../../../core/errors';
import { EventStore, foldStream } from '../../../../core/event-store';
import { handleCommand } from '../../../../core/handle-command';
import { uuidFromName } from '../../../../core/ids';
import type * as Schema from '../../../../generated/schema.types';
import { CommandInput, commandContext } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { CLOCK, EVENT_STORE, READ_MODEL_DB } from '../../../../infrastructure/tokens';
import {
  Approver,
  AttendanceCommand,
  AttendanceState,
  HalfDay,
  attendanceDecider,
  attendanceStream,
} from '../../domain/attendance.decider';

class RecordLeaveInput extends CommandInput implements Schema.RecordLeaveInput {
  @IsString() @Length(1, 64) staffId!: string;
  @IsOptional() @IsString() @Length(1, 64) center?: string | null;
  @IsString() startsOn!: string;
  @IsOptional() @IsString() endsOn?: string | null;
  halfDay?: HalfDay | null;
  @IsString() @MaxLength(500) reason!: string;
  @IsString() @MaxLength(100) approvedBy!: string;
  approver!: Approver;
}

class RecordAbsenceInput extends CommandInput implements Schema.RecordAbsenceInput {
  @IsString() @Length(1, 64) staffId!: string;
  @IsString() @Length(1, 64) window!: string;
  @IsOptional() @IsString() @Length(1, 64) center?: string | null;
  @IsString() day!: string;
  @IsOptional() @IsArray() @ArrayMaxSize(2) away?: HalfDay[] | null;
  @IsString() @MaxLength(2000) evidence!: string;
}

const view = (center: string, staffId: string, state: AttendanceState) => ({ center, staffId, ...state });

/**
 * 考勤: approved leave and recorded absences. Each mutation builds its command and runs it through the
 * attendance decider on the staff member's stream; an absence without approved leave scores D03 (旷工).
 */
@Resolver()
export class AttendanceResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Mutation('recordLeave')
  async recordLeave(@Args('input') input: RecordLeaveInput, @CurrentActor() actor: Actor) {
    const center = centerOf(input, actor);
    authorizeTarget('Mutation.recordLeave', actor, { center });
    const leaveId = uuidFromName(`leave:${input.commandId}`);
    const { state, duplicate } = await this.run(center, input, actor, (occurredAt) => ({
      type: 'RecordLeave',
      data: {
        staffId: input.staffId,
        center,
        leaveId,
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? input.startsOn,
        halfDay: input.halfDay ?? null,
        reason: input.reason,
        approvedBy: input.approvedBy,
        approver: input.approver,
        occurredAt,
      },
    }));
    return { attendance: view(center, input.staffId, state), leaveId, duplicate };
  }

  @Mutation('recordAbsence')
  async recordAbsence(@Args('input') input: RecordAbsenceInput, @CurrentActor() actor: Actor) {
    const center = centerOf(input, actor);
    authorizeTarget('Mutation.recordAbsence', actor, { center, window: input.window });
    const absenceId = uuidFromName(`absence:${input.commandId}`);
    const { state, duplicate } = await this.run(center, input, actor, (occurredAt) => ({
      type: 'RecordAbsence',
      data: {
        absenceId,
        staffId: input.staffId,
        center,
        window: input.window,
        day: input.day,
        away: input.away ?? ['AM', 'PM'],
        evidence: input.evidence,
        today: localDateOf(this.clock.now()),
        occurredAt,
      },
    }));
    return { attendance: view(center, input.staffId, state), absenceId, lineId: `unexcused-absence:${absenceId}`, duplicate };
  }

  @Query('attendance')
  async attendance(@Args('center') center: string, @Args('staffId') staffId: string, @CurrentActor() actor: Actor) {
    const state = await foldStream(
      this.store,
      attendanceStream(center, staffId),
      attendanceDecider.evolve,
      attendanceDecider.initialState(),
    );
    // A staff member sees their own; their window's lead (the window the directory gives, else the one
    // their latest absence was recorded at), the center's leaders and admins, and oversight see it too.
    const row = await this.db
      .selectFrom('staff_directory')
      .select('window')
      .where('center', '=', center)
      .where('staff_id', '=', staffId)
      .executeTakeFirst();
    const window = (row?.window as string | undefined) ?? state.absences.at(-1)?.window ?? null;
    authorizeTarget('Query.attendance', actor, { center, window, handler: staffId });
    return view(center, staffId, state);
  }

  private run(center: string, input: CommandInput & { staffId: string }, actor: Actor, command: (occurredAt: string) => AttendanceCommand) {
    return handleCommand({
      store: this.store,
      stream: attendanceStream(center, input.staffId),
      decider: attendanceDecider,
      command,
      context: commandContext(input, actor, this.clock.now()),
    });
  }
}

function centerOf(input: { center?: string | null }, actor: Actor): string {
  const center = input.center ?? actor.center;
  if (!center) throw new ValidationError([{ field: 'center', message: 'is required when the token names no center' }]);
  return center;
}
