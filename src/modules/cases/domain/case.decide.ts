import { Actor } from '../../../core/actor';
import { Decider } from '../../../core/decider';
import { DomainError } from '../../../core/errors';
import { ClockPolicy, DEFAULT_CLOCK_POLICY, WorkingCalendar } from '../../time-limits/domain';
import { AssignmentCommand, assignmentRules } from './assignment.decide';
import { CaseEvent, evolveCase, initialCaseState } from './case.events';
import { CaseRules } from './case-rules';
import { Case, CaseState, exists } from './case.state';
import { ClockCommand, clockRules } from './clock.decide';
import { EscalationCommand, escalationRules } from './escalation.decide';
import { JointCommand, jointRules } from './joint.decide';
import { LifecycleCommand, lifecycleRules, SubmitCase, submitCase } from './lifecycle.decide';

/**
 * The case decider. Every rule is a function named after its command, in a topic file:
 * lifecycle.decide.ts (submission to archive), clock.decide.ts (限时办结: suspensions, extensions, urging,
 * warnings), joint.decide.ts (联办件: participants' reviews and opinions), escalation.decide.ts (上报件:
 * to the higher authority and back, fees) and assignment.decide.ts (reassignment, AB岗). `decide` only finds the rule.
 */
export type CaseCommand = SubmitCase | LifecycleCommand | ClockCommand | JointCommand | EscalationCommand | AssignmentCommand;

export interface CaseDeciderDeps {
  calendar: WorkingCalendar;
  policy?: ClockPolicy;
}

const RULES = { ...lifecycleRules, ...clockRules, ...jointRules, ...escalationRules, ...assignmentRules };

/** A rule as `decide` calls it: the table holds each command's own rule, found by the command's type. */
type AnyRule = (command: Exclude<CaseCommand, SubmitCase>, c: Case, rules: CaseRules) => CaseEvent[];

export function createCaseDecider({
  calendar,
  policy = DEFAULT_CLOCK_POLICY,
}: CaseDeciderDeps): Decider<CaseState, CaseCommand, CaseEvent> {
  const rules: CaseRules = { calendar, policy };
  function decide(command: CaseCommand, state: CaseState): CaseEvent[] {
    if (command.type === 'SubmitCase') return submitCase(command, state, rules);
    if (!exists(state)) throw new DomainError('CASE.NOT_FOUND', 'No such case');
    const rule = Object.hasOwn(RULES, command.type) ? (RULES[command.type] as AnyRule) : undefined;
    if (!rule) throw new Error(`Unexpected case command: ${JSON.stringify(command)}`);
    return rule(command, state, rules);
  }
  return { decide, evolve: evolveCase, initialState: initialCaseState };
}

/** A staff member acting as a colleague's cover acts on that colleague's behalf (AB岗). */
export function caseActor(state: CaseState, actor: Actor): Actor {
  if (exists(state) && state.coverFor && state.handler === actor.id) return { ...actor, onBehalfOf: state.coverFor };
  return actor;
}
