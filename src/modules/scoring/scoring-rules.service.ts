import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Actor } from '../../core/actor';
import { Clock } from '../../core/clock';
import { localDateOf } from '../../core/dates';
import { EventStore, foldStream, asDomainEvent } from '../../core/event-store';
import { handleCommand } from '../../core/handle-command';
import { CLOCK, EVENT_STORE } from '../../infrastructure/tokens';
import { RuleSet } from './domain/rule-set';
import { SCORING_RULES_STREAM, ScoringRulesEvent, scoringRulesDecider } from './domain/scoring-rules.decider';
import { parseRulesFile } from './rules-file';

export const SCORING_IMPORT_ACTOR: Actor = { id: 'system', role: 'system' };

/** The recorded versions of the scoring rules, and their import from the rules file. */
@Injectable()
export class ScoringRules {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The recorded versions; with `upTo`, those recorded by the time the log reached that position. */
  async versions(upTo?: bigint): Promise<RuleSet[]> {
    return (await foldStream(this.store, SCORING_RULES_STREAM, scoringRulesDecider.evolve, scoringRulesDecider.initialState(), upTo))
      .versions;
  }

  /**
   * Records the file's versions that are not recorded yet. The command id comes from the file's
   * content, so two instances starting together record each version once.
   */
  async publishFile(path: string): Promise<Array<{ ruleSet: RuleSet; amended: boolean }>> {
    const text = readFileSync(path, 'utf8');
    const definitions = parseRulesFile(text, path);
    const now = this.clock.now();
    const result = await handleCommand({
      store: this.store,
      stream: SCORING_RULES_STREAM,
      decider: scoringRulesDecider,
      command: (occurredAt) => ({ type: 'PublishRuleSets', data: { definitions, today: localDateOf(now), occurredAt } }),
      context: {
        commandId: `scoring-rules:${createHash('sha256').update(text).digest('hex').slice(0, 32)}`,
        actor: SCORING_IMPORT_ACTOR,
        now,
      },
    });
    return result.duplicate
      ? []
      : result.events.map((e) => ({ ruleSet: asDomainEvent<ScoringRulesEvent>(e).data.ruleSet, amended: e.type === 'RuleSetAmended' }));
  }
}
