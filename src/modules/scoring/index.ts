import { ScoreLinesProjection } from './queries/score-lines.projection';

/** scoring: 效能考核, score lines, sheets, KPIs and accountability. Nest services come from scoring.module.ts. */
export { periodOf } from './domain/periods';
export { ruleSetOn } from './domain/rule-set';

/** Scoring's read models. */
export const scoringProjections = () => [new ScoreLinesProjection()];
