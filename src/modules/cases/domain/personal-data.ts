/** Identity and phone numbers are shown masked (e.g. 3201**********1234) outside the privileged path. */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

export function maskPhone(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

/** Event data as shown in a case's history: personal numbers masked. */
export function maskEventData(type: string, data: unknown): unknown {
  if (type === 'CaseSubmitted') {
    const d = data as { applicant: { idNumber: string; phone?: string } };
    return {
      ...d,
      applicant: {
        ...d.applicant,
        idNumber: maskIdNumber(d.applicant.idNumber),
        ...(d.applicant.phone ? { phone: maskPhone(d.applicant.phone) } : {}),
      },
    };
  }
  if (type === 'ConsultationRecorded') {
    const d = data as { visitorPhone: string | null };
    return { ...d, visitorPhone: d.visitorPhone && maskPhone(d.visitorPhone) };
  }
  return data;
}
