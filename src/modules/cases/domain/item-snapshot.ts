import { CaseKind, LimitUnit } from '../../time-limits/domain/due-date';

/** The service item (事项) as published when the case was accepted: a case is pinned to it. */
export interface ItemSnapshot {
  code: string;
  version: number;
  name: string;
  department: string;
  window: string;
  kind: CaseKind;
  legalLimit?: number;
  promisedLimit?: number;
  limitUnit: LimitUnit;
  fee: string;
  materials: string[];
  steps: string[];
  /** 容缺受理 allowed for this item. */
  allowsToleranceAcceptance: boolean;
}
