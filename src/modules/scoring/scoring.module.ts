import { Module } from '@nestjs/common';
import { AppealConductHandler } from './commands/appeal-conduct/appeal-conduct.handler';
import { AppealConductResolver } from './commands/appeal-conduct/appeal-conduct.resolver';
import { DecideConductAppealHandler } from './commands/decide-conduct-appeal/decide-conduct-appeal.handler';
import { DecideConductAppealResolver } from './commands/decide-conduct-appeal/decide-conduct-appeal.resolver';
import { RecordConductHandler } from './commands/record-conduct/record-conduct.handler';
import { RecordConductResolver } from './commands/record-conduct/record-conduct.resolver';
import { AccountabilityResolver } from './queries/accountability/accountability.resolver';
import { KpisResolver } from './queries/kpis/kpis.resolver';
import { ScoreLinesProjection } from './queries/score-lines.projection';
import { ScoreSheetResolver } from './queries/score-sheet/score-sheet.resolver';
import { ScoreSheets } from './queries/score-sheets.service';
import { ScoringRules } from './scoring-rules.service';

/** 效能考核: scoring rules, score lines from events and records, appeals, score sheets and the scoreboard. */
@Module({
  providers: [
    ScoringRules,
    ScoreSheets,
    ScoreLinesProjection,
    ScoreSheetResolver,
    KpisResolver,
    AccountabilityResolver,
    RecordConductHandler,
    RecordConductResolver,
    AppealConductHandler,
    AppealConductResolver,
    DecideConductAppealHandler,
    DecideConductAppealResolver,
  ],
  exports: [ScoreLinesProjection, ScoringRules, ScoreSheets],
})
export class ScoringModule {}

/** The services other modules inject. */
export { ScoreSheets } from './queries/score-sheets.service';
export { ScoringRules } from './scoring-rules.service';
