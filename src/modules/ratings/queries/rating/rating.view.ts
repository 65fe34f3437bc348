import { Rating } from '../../domain/rating.decider';

/** A rating as the API shows it. Ratings carry no personal data of the rater. */
export function ratingView(r: Rating, today?: string) {
  return {
    id: r.ratingId,
    caseId: r.caseId,
    center: r.center,
    window: r.window,
    staffId: r.staffId,
    channel: r.channel,
    stage: r.stage,
    level: r.level,
    answers: Object.entries(r.answers).map(([question, level]) => ({ question, level })),
    comment: r.comment,
    named: r.named,
    bad: r.bad,
    returnVisitRequired: r.returnVisitRequired,
    ratedOn: r.ratedOn,
    loop: r.loop && {
      ...r.loop,
      rectifyOverdue: Boolean(today && r.loop.rectifyDue && r.loop.step === 'VERIFY' && today > r.loop.rectifyDue),
    },
    appeal: r.appeal,
    setAside: r.setAside,
  };
}
