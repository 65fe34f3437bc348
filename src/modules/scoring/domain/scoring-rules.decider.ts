import { canonicalJson } from '../../../core/canonical-json';
import { assertNever, Decider, DomainCommand, DomainEvent } from '../../../core/decider';
import { LocalDate } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { throwIfAny } from '../../../core/validation';
import { nextPeriodStart, parsePeriod, periodOf } from './periods';
import { RuleSet, RuleSetDefinition, ruleSetIssues, ruleSetOn } from './rule-set';

/** The versions of a rules file, oldest first; those already recorded are skipped. */
export type PublishRuleSets = DomainCommand<'PublishRuleSets', { definitions: RuleSetDefinition[]; today: LocalDate; occurredAt: string }>;
/** A new version of the scoring rules, in force from `effectiveFrom`. */
export type RuleSetPublished = DomainEvent<'RuleSetPublished', { ruleSet: RuleSet; publishedAt: string }>;
/**
 * The wording of a recorded version amended: the rulebook's text and source of its rules, which rules
 * bar honours (不得评优), and the grade honours need. No figure changes, so no kept total changes.
 */
export type RuleSetAmended = DomainEvent<'RuleSetAmended', { ruleSet: RuleSet; amendedAt: string }>;
export type ScoringRulesEvent = RuleSetPublished | RuleSetAmended;
export type ScoringRulesState = { versions: RuleSet[] };

/** One stream holds every version: they are few, and each is decided against all the others. */
export const SCORING_RULES_STREAM = 'scoring-rules';

const sameDefinition = (a: RuleSet, b: RuleSetDefinition) => {
  const { version: _v, ...def } = a;
  return canonicalJson(def) === canonicalJson(b);
};

/**
 * What an amendment may change: the words around the figures (the rulebook, a rule's text and source),
 * the readings SPEC settles for every period (honours need a pass, no awards after D14), and a trigger
 * given to a rule that had none (lines recorded by hand under it keep finding it by its code). Everything
 * else that sets a total (base, cap, bands, points, existing triggers, top-N) is the figures.
 */
const figuresOf = (d: RuleSetDefinition, recorded: RuleSetDefinition) => ({
  ...d,
  honoursGrade: undefined,
  rulebook: undefined,
  rules: d.rules.map(({ text: _t, source: _s, noAwards: _n, ...rule }) => {
    const before = recorded.rules.find((r) => r.code === rule.code);
    return before && !before.automatic ? { ...rule, automatic: undefined } : rule;
  }),
});
const sameFigures = (a: RuleSet, b: RuleSetDefinition) => {
  const { version: _v, ...def } = a;
  return canonicalJson(figuresOf(def, def)) === canonicalJson(figuresOf(b, def));
};

export const scoringRulesDecider: Decider<ScoringRulesState, PublishRuleSets, ScoringRulesEvent> = {
  initialState: () => ({ versions: [] }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'RuleSetPublished':
        return { versions: [...state.versions, event.data.ruleSet] };
      case 'RuleSetAmended':
        return { versions: state.versions.map((v) => (v.version === event.data.ruleSet.version ? event.data.ruleSet : v)) };
      default:
        return assertNever(event, 'scoring rules event');
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'PublishRuleSets': {
        const { definitions, today, occurredAt } = command.data;
        throwIfAny(definitions.flatMap((d, i) => ruleSetIssues(d, `versions[${i}]`)));
        // The first rules a center records may describe its past; every later version only the future.
        const firstRecording = state.versions.length === 0;
        const versions = [...state.versions];
        const events: ScoringRulesEvent[] = [];
        for (const definition of definitions) {
          if (versions.some((v) => sameDefinition(v, definition))) continue;
          // The same version, reworded: recorded as an amendment, the version keeps its number.
          const reworded = versions.findIndex((v) => v.effectiveFrom === definition.effectiveFrom && sameFigures(v, definition));
          if (reworded >= 0) {
            const ruleSet = { ...definition, version: versions[reworded].version };
            versions[reworded] = ruleSet;
            events.push({ type: 'RuleSetAmended', data: { ruleSet, amendedAt: occurredAt } });
            continue;
          }
          const start = parsePeriod(periodOf(definition.effectiveFrom, definition.period))!.start;
          if (start !== definition.effectiveFrom) {
            throw new DomainError(
              'SCORING.NOT_A_PERIOD_START',
              `A rule set takes effect on the first day of a ${definition.period}, not on ${definition.effectiveFrom}`,
            );
          }
          const inForce = ruleSetOn(state.versions, today);
          if (!firstRecording && inForce && definition.effectiveFrom < nextPeriodStart(today, inForce.period)) {
            throw new DomainError(
              'SCORING.RETROACTIVE_CHANGE',
              `The rules effective ${definition.effectiveFrom} differ from those recorded: a change takes effect from ${nextPeriodStart(today, inForce.period)} at the earliest, so that no kept sheet changes`,
            );
          }
          const ruleSet = { ...definition, version: versions.length + 1 };
          versions.push(ruleSet);
          events.push({ type: 'RuleSetPublished', data: { ruleSet, publishedAt: occurredAt } });
        }
        return events;
      }
      default:
        return assertNever(command.type, 'scoring rules command');
    }
  },
};
