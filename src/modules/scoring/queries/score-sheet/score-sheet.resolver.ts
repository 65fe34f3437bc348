import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { authorizeTarget } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { positionAt } from '../../../../infrastructure/read-models/log-timeline';
import { READ_MODEL_DB } from '../../../../infrastructure/tokens';
import { ScoreSheet, SheetLine } from '../../domain/score-sheet';
import { ScoreSheets } from '../score-sheets.service';

const SOURCE = { automatic: 'AUTOMATIC', recorded: 'RECORDED', appeal: 'APPEAL' } as const;

function view(sheet: ScoreSheet, subject: string, center: string, asOf: string | null) {
  return {
    ...sheet,
    subject,
    center,
    asOf,
    lines: sheet.lines.map((l: SheetLine) => ({ ...l, id: l.lineId, source: SOURCE[l.source] })),
  };
}

/** `scoreSheet`, `windowScoreSheet` and `scoreboard`: 考核表 that explain themselves, line by line. */
@Resolver()
export class ScoreSheetResolver {
  constructor(
    private readonly sheets: ScoreSheets,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
  ) {}

  /** With `asOf`, the position the log had reached at that instant. */
  private async upTo(asOf: string | null): Promise<bigint | undefined> {
    return asOf ? positionAt(this.db, asOf) : undefined;
  }

  @Query('scoreSheet')
  async scoreSheet(
    @Args('staffId') staffId: string,
    @Args('center') center: string,
    @Args('period') period: string,
    @Args('asOf') asOf: string | null,
    @CurrentActor() actor: Actor,
  ) {
    // Who may look is decided on the sheet as it stands now (the staff member's window).
    const now = await this.sheets.staffSheet(center, staffId, period);
    // A staff member sees their own sheet; their window's lead, leaders and oversight see it too.
    authorizeTarget('Query.scoreSheet', actor, { center, window: now.window, handler: staffId });
    return view(asOf ? await this.sheets.staffSheet(center, staffId, period, await this.upTo(asOf)) : now, staffId, center, asOf);
  }

  @Query('windowScoreSheet')
  async windowScoreSheet(
    @Args('center') center: string,
    @Args('window') window: string,
    @Args('period') period: string,
    @Args('asOf') asOf: string | null,
    @CurrentActor() actor: Actor,
  ) {
    authorizeTarget('Query.windowScoreSheet', actor, { center, window });
    return view(await this.sheets.windowSheet(center, window, period, await this.upTo(asOf)), window, center, asOf);
  }

  @Query('departmentScoreSheet')
  async departmentScoreSheet(
    @Args('center') center: string,
    @Args('department') department: string,
    @Args('period') period: string,
    @Args('asOf') asOf: string | null,
    @CurrentActor() actor: Actor,
  ) {
    authorizeTarget('Query.departmentScoreSheet', actor, { center });
    return view(await this.sheets.departmentSheet(center, department, period, await this.upTo(asOf)), department, center, asOf);
  }

  @Query('scoreboard')
  async scoreboard(
    @Args('center') center: string,
    @Args('period') period: string,
    @Args('asOf') asOf: string | null,
    @CurrentActor() actor: Actor,
  ) {
    // The board hangs in the hall (流动红旗): everyone working in the center may see it.
    authorizeTarget('Query.scoreboard', actor, { center });
    return { center, period, asOf, ...(await this.sheets.scoreboard(center, period, await this.upTo(asOf))) };
  }
}
