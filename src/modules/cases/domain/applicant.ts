import { FieldIssue } from '../../../core/errors';

/** 申请人: a person (identified by the resident ID number) or an organisation (unified social credit code). */
export type ApplicantKind = 'PERSON' | 'ORGANIZATION';

export interface Applicant {
  kind: ApplicantKind;
  name: string;
  /** 公民身份号码 (GB 11643) for a person; 统一社会信用代码 (GB 32100) for an organisation. */
  idNumber: string;
  phone?: string;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 18-character resident identity number with a valid birth date and check character (GB 11643-1999). */
export function isResidentIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const y = +value.slice(6, 10);
  const m = +value.slice(10, 12);
  const d = +value.slice(12, 14);
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17];
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 18-character unified social credit code with a valid check character (GB 32100-2015). */
export function isUnifiedSocialCreditCode(value: string): boolean {
  if (value.length !== 18 || [...value].some((c) => !USCC_CHARS.includes(c))) return false;
  const sum = USCC_WEIGHTS.reduce((acc, w, i) => acc + w * USCC_CHARS.indexOf(value[i]), 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] === value[17];
}

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export function applicantIssues(applicant: Applicant, field = 'applicant'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const name = applicant.name?.trim() ?? '';
  if (!name) issues.push({ field: `${field}.name`, message: 'must not be empty' });
  if (name.length > 100) issues.push({ field: `${field}.name`, message: 'must be at most 100 characters' });
  if (applicant.kind === 'PERSON' && !isResidentIdNumber(applicant.idNumber)) {
    issues.push({ field: `${field}.idNumber`, message: 'is not a valid 18-character resident identity number' });
  }
  if (applicant.kind === 'ORGANIZATION' && !isUnifiedSocialCreditCode(applicant.idNumber)) {
    issues.push({ field: `${field}.idNumber`, message: 'is not a valid unified social credit code' });
  }
  if (applicant.phone !== undefined && !PHONE.test(applicant.phone)) {
    issues.push({ field: `${field}.phone`, message: 'is not a valid mobile or landline number' });
  }
  return issues;
}
