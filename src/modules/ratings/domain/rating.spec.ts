import { specFor } from '../../../../test/support/given-when-then';
import { ratingInvitationDecider } from './rating-invitation.decider';
import { RatingDetails, RatingStage, ServiceRated, ratingDecider } from './rating.decider';

const at = '2026-11-23T02:00:00.000Z';
/** The case was accepted and completed: both stages may be rated. */
const REACHED: RatingStage[] = ['ACCEPTANCE', 'COMPLETION'];
const details: RatingDetails = {
  ratingId: 'r1',
  caseId: 'case-1',
  center: 'c1',
  window: 'civil-affairs',
  staffId: 'staff-a',
  channel: 'ONSITE',
  stage: 'COMPLETION',
  level: 5,
  answers: { overall: 5, efficiency: 4, competence: 5, attitude: 5 },
  comment: '等太久',
  named: true,
};
const rated: ServiceRated = {
  type: 'ServiceRated',
  data: { ...details, bad: true, returnVisitRequired: true, ratedOn: '2026-11-23', ratedAt: at },
};
const step = (s: 'VERIFY' | 'RECTIFY' | 'ANSWER' | 'RECHECK', extra: Record<string, unknown> = {}) => ({
  type: 'AdvanceBadRating' as const,
  data: {
    step: s,
    text: '处理情况',
    satisfied: null,
    rectifyDue: s === 'VERIFY' ? '2026-11-30' : null,
    today: '2026-11-24',
    occurredAt: at,
    ...extra,
  },
});

describe('ratings (好差评)', () => {
  const spec = specFor(ratingDecider);

  it('records a rating with the questions of its channel; a named bad one needs a return visit', () => {
    spec([])
      .when({ type: 'RateService', data: { ...details, caseReached: REACHED, ratedOn: '2026-11-23', occurredAt: at } })
      .then([rated]);
    spec([])
      .when({
        type: 'RateService',
        data: { ...details, answers: { overall: 1, usability: 2 }, caseReached: REACHED, ratedOn: '2026-11-23', occurredAt: at },
      })
      .thenThrows('VALIDATION.FAILED');
    spec([rated])
      .when({ type: 'RateService', data: { ...details, caseReached: REACHED, ratedOn: '2026-11-23', occurredAt: at } })
      .thenThrows('RATING.ALREADY_RATED');
  });

  it('rates a stage only once the case has reached it: not completion while it runs, not acceptance before it', () => {
    spec([])
      .when({ type: 'RateService', data: { ...details, caseReached: ['ACCEPTANCE'], ratedOn: '2026-11-23', occurredAt: at } })
      .thenThrows('RATING.TOO_EARLY');
    spec([])
      .when({ type: 'RateService', data: { ...details, stage: 'ACCEPTANCE', caseReached: [], ratedOn: '2026-11-23', occurredAt: at } })
      .thenThrows('RATING.TOO_EARLY');
    spec([])
      .when({
        type: 'RateService',
        data: { ...details, stage: 'ACCEPTANCE', caseReached: ['ACCEPTANCE'], ratedOn: '2026-11-23', occurredAt: at },
      })
      .then((events) => expect(events.map((e) => e.type)).toEqual(['ServiceRated']));
  });

  it('takes a bad rating through verify, rectify, answer and re-check, in that order', () => {
    spec([rated]).when(step('RECTIFY')).thenThrows('RATING.OUT_OF_ORDER', { expected: 'VERIFY' });
    spec([rated])
      .when(step('VERIFY'))
      .then((events) => expect(events[0].data).toMatchObject({ step: 'VERIFY', rectifyDue: '2026-11-30' }));
    const verified = {
      type: 'BadRatingAdvanced' as const,
      data: { ratingId: 'r1', step: 'VERIFY' as const, text: 'x', satisfied: null, rectifyDue: '2026-11-30', onTime: null, at },
    };
    spec([rated, verified])
      .when(step('RECTIFY', { today: '2026-12-01' }))
      .then((events) => expect(events[0].data).toMatchObject({ step: 'RECTIFY', onTime: false }));
    spec([rated, verified]).when(step('ANSWER')).thenThrows('RATING.OUT_OF_ORDER', { expected: 'RECTIFY' });
  });

  it('records a verified bad rating not rectified by its due day as overdue, once', () => {
    const verified = {
      type: 'BadRatingAdvanced' as const,
      data: { ratingId: 'r1', step: 'VERIFY' as const, text: 'x', satisfied: null, rectifyDue: '2026-11-30', onTime: null, at },
    };
    const check = (today: string) => ({ type: 'CheckRectification' as const, data: { today, occurredAt: at } });
    spec([rated, verified]).when(check('2026-11-30')).then([]);
    const overdue = { type: 'RectificationOverdue' as const, data: { ratingId: 'r1', rectifyDue: '2026-11-30', markedOn: '2026-12-01' } };
    spec([rated, verified]).when(check('2026-12-01')).then([overdue]);
    spec([rated, verified, overdue]).when(check('2026-12-02')).then([]);
    spec([rated]).when(check('2026-12-01')).then([]);
  });

  it('runs no loop for a good rating, and sets a rating aside only on an appeal', () => {
    const good = { ...rated, data: { ...rated.data, level: 1 as const, bad: false, returnVisitRequired: false } };
    spec([good]).when(step('VERIFY')).thenThrows('RATING.NOT_BAD');
    spec([rated])
      .when({ type: 'DecideRatingAppeal', data: { setAside: true, reason: '恶意差评', occurredAt: at } })
      .thenThrows('APPEAL.NOT_FOUND');
    const appealed = { type: 'RatingAppealed' as const, data: { ratingId: 'r1', grounds: '申请人误评', appealedAt: at } };
    spec([rated, appealed])
      .when({ type: 'DecideRatingAppeal', data: { setAside: true, reason: '经复核系误评', occurredAt: at } })
      .then([{ type: 'RatingAppealDecided', data: { ratingId: 'r1', setAside: true, reason: '经复核系误评', decidedAt: at } }]);
  });
});

describe('invitations to rate (邀评)', () => {
  const spec = specFor(ratingInvitationDecider);
  const invite = (today: string) => ({
    type: 'InviteToRate' as const,
    data: { caseId: 'case-1', receiptNo: 'c1-20261119-0001', center: 'c1', completedOn: '2026-11-19', today, occurredAt: at },
  });
  const invited = {
    type: 'RatingInvited' as const,
    data: { caseId: 'case-1', receiptNo: 'c1-20261119-0001', center: 'c1', completedOn: '2026-11-19', invitedOn: '2026-11-22' },
  };

  it('invites a completed case 3 days after completion, once', () => {
    spec([]).when(invite('2026-11-21')).then([]);
    spec([]).when(invite('2026-11-22')).then([invited]);
    spec([invited]).when(invite('2026-11-25')).then([]);
  });
});
