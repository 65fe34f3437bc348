import { Actor } from '../../../../core/actor';
import { maskIdNumber, maskPhone } from '../../../cases';
import { Complaint, ESCALATED_TO } from '../../domain/complaint.decider';

/** Those handling complaints (center leaders) and oversight see who complained; nobody else ever does. */
export const SEES_COMPLAINANT = new Set(['center_leader', 'oversight']);

/** A complaint as the API shows it: the complainant only to those handling it, their numbers masked. */
export function complaintView(c: Complaint, actor: Actor, today: string) {
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
  };
}
