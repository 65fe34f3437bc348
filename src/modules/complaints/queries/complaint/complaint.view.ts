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
  if (subjects.includes(actor.id)) return subjectView(c, today, subjects);
  const complainant = SEES_COMPLAINANT.has(actor.role)
    ? {
        name: c.complainant.name,
        phone: c.complainant.phone && maskPhone(c.complainant.phone),
        idNumber: c.complainant.idNumber && maskIdNumber(c.complainant.idNumber),
      }
    : null;
  return {
    id: c.complaintId,
    status: c.status,
    center: c.center,
    channel: c.channel,
    about: c.about,
    complainant,
    matter: c.matter,
    major: c.major,
    filedOn: c.filedOn,
    filedAt: c.filedAt,
    answerDue: c.answerDue,
    answerOverdue: !c.answer && today > c.answerDue,
    answerOverdueRecordedOn: c.answerOverdueOn,
    answer: c.answer,
    finding: c.finding,
    escalation: c.escalation ? { ...c.escalation, to: [...ESCALATED_TO] } : null,
    recused: subjects,
    seenAsSubject: false,
  };
}

function subjectView(c: Complaint, today: string, subjects: string[]) {
  return {
    id: c.complaintId,
    status: c.status,
    center: c.center,
    channel: c.channel,
    about: { ...c.about, caseId: null },
    complainant: null,
    matter: null,
    major: c.major,
    filedOn: c.filedOn,
    filedAt: c.filedAt,
    answerDue: c.answerDue,
    answerOverdue: !c.answer && today > c.answerDue,
    answerOverdueRecordedOn: c.answerOverdueOn,
    answer: c.answer && { ...c.answer, text: null },
    finding: c.finding,
    escalation: c.escalation ? { ...c.escalation, reason: null, to: [...ESCALATED_TO] } : null,
    recused: subjects,
    seenAsSubject: true,
  };
}
