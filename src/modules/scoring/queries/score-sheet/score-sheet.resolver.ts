import { Args, Query, Resolver } from '@nestjs/graphql';
import { authorizeTarget } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ScoreSheet, SheetLine } from '../../domain/score-sheet';
import { ScoreSheets } from '../score-sheets.service';

const SOURCE = { automatic: 'AUTOMATIC', recorded: 'RECORDED', appeal: 'APPEAL' } as const;

function view(sheet: ScoreSheet, subject: string, center: string) {
  return {
    ...sheet,
    subject,
    center,
    lines: sheet.lines.map((l: SheetLine) => ({ ...l, id: l.lineId, source: SOURCE[l.source] })),
  };
}

/** `scoreSheet`, `windowScoreSheet` and `scoreboard`: 考核表 that explain themselves, line by line. */
@Resolver()
export class ScoreSheetResolver {
  constructor(private readonly sheets: ScoreSheets) {}

  @Query('scoreSheet')
  async scoreSheet(@Args('staffId') staffId: string, @Args('center') center: string, @Args('period') period: string, @CurrentActor() actor: Actor) {
    const sheet = await this.sheets.staffSheet(center, staffId, period);
    // A staff member sees their own sheet; their window's lead, leaders and oversight see it too.
    authorizeTarget('Query.scoreSheet', actor, { center, window: sheet.window, handler: staffId });
    return view(sheet, staffId, center);
  }

  @Query('windowScoreSheet')
  async windowScoreSheet(@Args('center') center: string, @Args('window') window: string, @Args('period') period: string, @CurrentActor() actor: Actor) {
    authorizeTarget('Query.windowScoreSheet', actor, { center, window });
    return view(await this.sheets.windowSheet(center, window, period), window, center);
  }

  @Query('departmentScoreSheet')
  async departmentScoreSheet(@Args('center') center: string, @Args('department') department: string, @Args('period') period: string, @CurrentActor() actor: Actor) {
    authorizeTarget('Query.departmentScoreSheet', actor, { center });
    return view(await this.sheets.departmentSheet(center, department, period), department, center);
  }

  @Query('scoreboard')
  async scoreboard(@Args('center') center: string, @Args('period') period: string, @CurrentActor() actor: Actor) {
    // The board hangs in the hall (流动红旗): everyone working in the center may see it.
    authorizeTarget('Query.scoreboard', actor, { center });
    return { center, period, ...(await this.sheets.scoreboard(center, period)) };
  }
}
