import { assertNever, Decider, DomainCommand, DomainEvent } from '../../../core/decider';
import { LocalDate } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { textIssues, throwIfAny } from '../../../core/validation';

/**
 * 好差评 (GB/T 39734/39735-2020): the applicant rates a case on five levels, on site (一次一评) or
 * online (一事一评), at acceptance or completion. A bad rating (4 不满意, 5 非常不满意) runs a loop:
 * verify (核实) → rectify (整改) within the configured working days → answer the applicant (反馈) →
 * re-check (复核). Staff may appeal; a rating found mistaken or malicious is set aside, never deleted.
 */
export type RatingChannel = 'ONSITE' | 'ONLINE';
export type RatingStage = 'ACCEPTANCE' | 'COMPLETION';
/** 1 非常满意, 2 满意, 3 基本满意, 4 不满意, 5 非常不满意. */
export type RatingLevel = 1 | 2 | 3 | 4 | 5;
export type BadRatingStep = 'VERIFY' | 'RECTIFY' | 'ANSWER' | 'RECHECK';

/** The questions of each channel; every answer is a level 1–5. */
export const QUESTIONS: Record<RatingChannel, string[]> = {
  ONSITE: ['overall', 'efficiency', 'competence', 'attitude'],
  ONLINE: ['overall', 'efficiency', 'guideAccuracy', 'convenience', 'usability'],
};

export interface RatingDetails {
  ratingId: string;
  caseId: string;
  center: string;
  window: string;
  /** The staff member who handled the case when it was rated. */
  staffId: string | null;
  channel: RatingChannel;
  stage: RatingStage;
  level: RatingLevel;
  answers: Record<string, number>;
  comment: string | null;
  /** A named rating gets a return visit when it is bad (100%). */
  named: boolean;
}

/** `caseReached`: the stages the case has reached (accepted, completed); a stage is rated only once reached. */
export type RateService = DomainCommand<
  'RateService',
  RatingDetails & { caseReached: RatingStage[]; ratedOn: LocalDate; occurredAt: string }
>;
export type AdvanceBadRating = DomainCommand<
  'AdvanceBadRating',
  { step: BadRatingStep; text: string; satisfied: boolean | null; rectifyDue: LocalDate | null; today: LocalDate; occurredAt: string }
>;
export type AppealRating = DomainCommand<'AppealRating', { grounds: string; occurredAt: string }>;
export type DecideRatingAppeal = DomainCommand<'DecideRatingAppeal', { setAside: boolean; reason: string; occurredAt: string }>;

export type ServiceRated = DomainEvent<
  'ServiceRated',
  RatingDetails & { bad: boolean; returnVisitRequired: boolean; ratedOn: LocalDate; ratedAt: string }
>;
export type BadRatingAdvanced = DomainEvent<
  'BadRatingAdvanced',
  {
    ratingId: string;
    step: BadRatingStep;
    text: string;
    satisfied: boolean | null;
    rectifyDue: LocalDate | null;
    onTime: boolean | null;
    at: string;
  }
>;
export type RatingAppealed = DomainEvent<'RatingAppealed', { ratingId: string; grounds: string; appealedAt: string }>;
export type RatingAppealDecided = DomainEvent<
  'RatingAppealDecided',
  { ratingId: string; setAside: boolean; reason: string; decidedAt: string }
>;

/** The follow-up watcher's look at a verified bad rating (system actor). */
export type CheckRectification = DomainCommand<'CheckRectification', { today: LocalDate; occurredAt: string }>;
/** Not rectified by the due day: recorded once, for supervisors and the record. */
export type RectificationOverdue = DomainEvent<'RectificationOverdue', { ratingId: string; rectifyDue: LocalDate; markedOn: LocalDate }>;

export type RatingCommand = RateService | AdvanceBadRating | AppealRating | DecideRatingAppeal | CheckRectification;
export type RatingEvent = ServiceRated | BadRatingAdvanced | RatingAppealed | RatingAppealDecided | RectificationOverdue;
export const RATING_EVENT_TYPES: ReadonlySet<string> = new Set<RatingEvent['type']>([
  'ServiceRated',
  'BadRatingAdvanced',
  'RatingAppealed',
  'RatingAppealDecided',
  'RectificationOverdue',
]);

export interface Rating extends RatingDetails {
  bad: boolean;
  returnVisitRequired: boolean;
  ratedOn: LocalDate;
  ratedAt: string;
  /** The bad-rating loop: the last step done, and the rectification deadline set at verification. */
  loop: {
    step: BadRatingStep | null;
    rectifyDue: LocalDate | null;
    rectifiedOnTime: boolean | null;
    recheckSatisfied: boolean | null;
    overdueOn: LocalDate | null;
  } | null;
  appeal: { status: 'PENDING' | 'SET_ASIDE' | 'UPHELD_RATING'; grounds: string; reason: string | null } | null;
  setAside: boolean;
}
export type RatingState = { status: 'NONE' } | ({ status: 'RATED' } & Rating);

export const ratingStream = (ratingId: string) => `rating-${ratingId}`;
const ORDER: BadRatingStep[] = ['VERIFY', 'RECTIFY', 'ANSWER', 'RECHECK'];

export const ratingDecider: Decider<RatingState, RatingCommand, RatingEvent> = {
  initialState: () => ({ status: 'NONE' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ServiceRated': {
        const { ratedAt, ...d } = event.data;
        return {
          status: 'RATED',
          ...d,
          ratedAt,
          loop: d.bad ? { step: null, rectifyDue: null, rectifiedOnTime: null, recheckSatisfied: null, overdueOn: null } : null,
          appeal: null,
          setAside: false,
        };
      }
      case 'BadRatingAdvanced': {
        if (state.status === 'NONE' || !state.loop) return state;
        const d = event.data;
        return {
          ...state,
          loop: {
            step: d.step,
            rectifyDue: d.rectifyDue ?? state.loop.rectifyDue,
            rectifiedOnTime: d.step === 'RECTIFY' ? d.onTime : state.loop.rectifiedOnTime,
            recheckSatisfied: d.step === 'RECHECK' ? d.satisfied : state.loop.recheckSatisfied,
            overdueOn: state.loop.overdueOn,
          },
        };
      }
      case 'RatingAppealed':
        return state.status === 'NONE' ? state : { ...state, appeal: { status: 'PENDING', grounds: event.data.grounds, reason: null } };
      case 'RatingAppealDecided':
        return state.status === 'NONE' || !state.appeal
          ? state
          : {
              ...state,
              setAside: event.data.setAside,
              appeal: { ...state.appeal, status: event.data.setAside ? 'SET_ASIDE' : 'UPHELD_RATING', reason: event.data.reason },
            };
      case 'RectificationOverdue':
        return state.status === 'NONE' || !state.loop ? state : { ...state, loop: { ...state.loop, overdueOn: event.data.markedOn } };
      default:
        return assertNever(event, 'rating event');
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'RateService': {
        if (!command.data.caseReached.includes(command.data.stage))
          throw new DomainError('RATING.TOO_EARLY', `The case has not reached ${command.data.stage.toLowerCase()} yet`);
        if (state.status !== 'NONE')
          throw new DomainError('RATING.ALREADY_RATED', 'This case was already rated at this stage on this channel');
        const { occurredAt, ratedOn, caseReached: _reached, ...d } = command.data;
        const issues = textIssues(d.comment, 'comment', { required: false, max: 2000 });
        const questions = QUESTIONS[d.channel];
        for (const q of questions)
          if (![1, 2, 3, 4, 5].includes(d.answers[q])) issues.push({ field: `answers.${q}`, message: 'must be a level from 1 to 5' });
        for (const q of Object.keys(d.answers))
          if (!questions.includes(q))
            issues.push({ field: `answers.${q}`, message: `is not a question of the ${d.channel.toLowerCase()} form` });
        if (![1, 2, 3, 4, 5].includes(d.level)) issues.push({ field: 'level', message: 'must be from 1 (非常满意) to 5 (非常不满意)' });
        throwIfAny(issues);
        const bad = d.level >= 4;
        return [
          {
            type: 'ServiceRated',
            data: { ...d, comment: d.comment?.trim() || null, bad, returnVisitRequired: bad && d.named, ratedOn, ratedAt: occurredAt },
          },
        ];
      }
      case 'AdvanceBadRating': {
        if (state.status === 'NONE') throw new DomainError('RATING.NOT_FOUND', 'No such rating');
        if (!state.loop) throw new DomainError('RATING.NOT_BAD', 'Only a bad rating runs the rectification loop');
        if (state.setAside) throw new DomainError('RATING.SET_ASIDE', 'The rating was set aside');
        const d = command.data;
        const expected = ORDER[state.loop.step ? ORDER.indexOf(state.loop.step) + 1 : 0];
        if (d.step !== expected)
          throw new DomainError('RATING.OUT_OF_ORDER', expected ? `The next step is ${expected}` : 'The loop is complete', {
            expected: expected ?? null,
          });
        throwIfAny(textIssues(d.text, 'text', { max: 5000 }));
        if (d.step === 'RECHECK' && d.satisfied === null)
          throw new DomainError('RATING.RECHECK_RESULT_REQUIRED', 'Say whether the applicant is satisfied on re-check');
        const rectifyDue = d.step === 'VERIFY' ? d.rectifyDue : null;
        const onTime = d.step === 'RECTIFY' ? d.today <= (state.loop.rectifyDue ?? d.today) : null;
        return [
          {
            type: 'BadRatingAdvanced',
            data: {
              ratingId: state.ratingId,
              step: d.step,
              text: d.text.trim(),
              satisfied: d.step === 'RECHECK' ? d.satisfied : null,
              rectifyDue,
              onTime,
              at: d.occurredAt,
            },
          },
        ];
      }
      case 'AppealRating': {
        if (state.status === 'NONE') throw new DomainError('RATING.NOT_FOUND', 'No such rating');
        if (state.appeal) throw new DomainError('APPEAL.ALREADY_FILED', 'This rating has already been appealed');
        throwIfAny(textIssues(command.data.grounds, 'grounds', { max: 2000 }));
        return [
          {
            type: 'RatingAppealed',
            data: { ratingId: state.ratingId, grounds: command.data.grounds.trim(), appealedAt: command.data.occurredAt },
          },
        ];
      }
      case 'DecideRatingAppeal': {
        if (state.status === 'NONE' || !state.appeal)
          throw new DomainError('APPEAL.NOT_FOUND', 'No appeal has been filed against this rating');
        if (state.appeal.status !== 'PENDING') throw new DomainError('APPEAL.ALREADY_DECIDED', 'The appeal was already decided');
        throwIfAny(textIssues(command.data.reason, 'reason', { max: 2000 }));
        return [
          {
            type: 'RatingAppealDecided',
            data: {
              ratingId: state.ratingId,
              setAside: command.data.setAside,
              reason: command.data.reason.trim(),
              decidedAt: command.data.occurredAt,
            },
          },
        ];
      }
      case 'CheckRectification': {
        const loop = state.status === 'NONE' ? null : state.loop;
        if (
          state.status === 'NONE' ||
          !loop ||
          state.setAside ||
          loop.step !== 'VERIFY' ||
          loop.overdueOn ||
          !loop.rectifyDue ||
          command.data.today <= loop.rectifyDue
        )
          return [];
        return [
          { type: 'RectificationOverdue', data: { ratingId: state.ratingId, rectifyDue: loop.rectifyDue, markedOn: command.data.today } },
        ];
      }
      default:
        return assertNever(command, 'rating command');
    }
  },
};
