import { Actor } from '../../../../core/actor';
import { maskIdNumber, maskPhone } from '../../../cases';
import { Complaint, ESCALATED_TO, complaintSubjects } from '../../domain/complaint.decider';

/** Those handling complaints (center leaders) and oversight see who complained; nobody else ever does. */
export const SEES_COMPLAINANT = new Set(['center_leader', 'oversight']);

/**
 * A complaint as the API shows it: the complainant only to those handling it, their numbers masked. The
 * staff member it is about (a leader or oversight officer too) sees it as its subject (SPEC §7,
 * clarifications): the finding and the lines it costs them, so they can appeal, but not who complained,
 * the words of the matter, the case, the answer to the complainant or the escalation's reasons, which
 * all lead back to the applicant.
 */
export function complaintView(c: Complaint, actor: Actor, today: string) {
  const subjects = complaintSubjects(c);
  const view = {
    id: c.complaintId,
    status: c.status,
    center: c.center,
    channel: c.channel,
    about: c.about,
    complainant: SEES_COMPLAINANT.has(actor.role)
      ? {
          name: c.complainant.name,
          phone: c.complainant.phone && maskPhone(c.complainant.phone),
          idNumber: c.complainant.idNumber && maskIdNumber(c.complainant.idNumber),
        }
      : null,
    matter: c.matter as string | null,
    major: c.major,
    filedOn: c.filedOn,
    filedAt: c.filedAt,
    answerDue: c.answerDue,
    answerOverdue: !c.answer && today > c.answerDue,
    answerOverdueRecordedOn: c.answerOverdueOn,
    answer: c.answer as (Complaint['answer'] & { text: string | null }) | null,
    finding: c.finding,
    escalation: c.escalation ? { ...c.escalation, reason: c.escalation.reason as string | null, to: [...ESCALATED_TO] } : null,
    recused: subjects,
    seenAsSubject: false,
  };
  if (!subjects.includes(actor.id)) return view;
  // As its subject: everything that leads back to the applicant left out, the finding in full.
  return {
    ...view,
    about: { ...c.about, caseId: null },
    complainant: null,
    matter: null,
    answer: c.answer && { ...c.answer, text: null },
    escalation: view.escalation && { ...view.escalation, reason: null },
    seenAsSubject: true,
  };
}
