import { assertNever, Decider, DomainCommand, DomainEvent } from '../../../core/decider';
import { canonicalJson } from '../../../core/canonical-json';
import { DomainError } from '../../../core/errors';
import { textIssues, throwIfAny } from '../../../core/validation';

/**
 * The center's staff and windows, kept by admins as events: who works at which window (窗口), which
 * staff member is a window's chief representative (首席代表), and which posts cover each other (AB岗:
 * the B post acts while the A post is away).
 */
export interface StaffDetails {
  staffId: string;
  name: string;
  center: string;
  window: string;
}

export interface AbPair {
  aPost: string;
  bPost: string;
}

export interface WindowDetails {
  center: string;
  window: string;
  name: string;
  department: string;
  chiefRepresentative: string | null;
  abPairs: AbPair[];
}

export type RegisterStaff = DomainCommand<'RegisterStaff', StaffDetails & { active: boolean; occurredAt: string }>;
export type StaffRegistered = DomainEvent<'StaffRegistered', StaffDetails & { active: boolean; registeredAt: string }>;
export type StaffState = { registered: (StaffDetails & { active: boolean }) | null };

export type DefineWindow = DomainCommand<'DefineWindow', WindowDetails & { occurredAt: string }>;
export type WindowDefined = DomainEvent<'WindowDefined', WindowDetails & { definedAt: string }>;
export type WindowState = { defined: WindowDetails | null };

export const staffStream = (staffId: string) => `staff-${staffId}`;
export const windowStream = (center: string, window: string) => `window-${center}-${window}`;

const ID = /^[\w.-]{1,64}$/;

/** A staff member's entry: registering again with other details records the change; the same details record nothing. */
export const staffDecider: Decider<StaffState, RegisterStaff, StaffRegistered> = {
  initialState: () => ({ registered: null }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'StaffRegistered': {
        const { registeredAt: _at, ...details } = event.data;
        return { registered: details };
      }
      default:
        return assertNever(event.type, 'staff event');
    }
  },
  decide: (command, state) => {
    const { occurredAt, ...d } = command.data;
    const issues = [...textIssues(d.name, 'name', { max: 100 })];
    for (const field of ['staffId', 'center', 'window'] as const)
      if (!ID.test(d[field])) issues.push({ field, message: 'must be letters, digits, ".", "_" or "-"' });
    throwIfAny(issues);
    const details = { ...d, name: d.name.trim() };
    if (state.registered && canonicalJson(state.registered) === canonicalJson(details)) return [];
    return [{ type: 'StaffRegistered', data: { ...details, registeredAt: occurredAt } }];
  },
};

/** A window's definition: its department, chief representative and AB pairs; the same definition records nothing. */
export const windowDecider: Decider<WindowState, DefineWindow, WindowDefined> = {
  initialState: () => ({ defined: null }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'WindowDefined': {
        const { definedAt: _at, ...details } = event.data;
        return { defined: details };
      }
      default:
        return assertNever(event.type, 'window event');
    }
  },
  decide: (command, state) => {
    const { occurredAt, ...d } = command.data;
    const issues = [...textIssues(d.name, 'name', { max: 100 }), ...textIssues(d.department, 'department', { max: 100 })];
    if (!ID.test(d.center) || !ID.test(d.window))
      issues.push({ field: 'window', message: 'center and window must be letters, digits, ".", "_" or "-"' });
    d.abPairs.forEach((p, i) => {
      if (!ID.test(p.aPost) || !ID.test(p.bPost)) issues.push({ field: `abPairs[${i}]`, message: 'must name two staff ids' });
    });
    throwIfAny(issues);
    const posts = d.abPairs.map((p) => p.aPost);
    if (d.abPairs.some((p) => p.aPost === p.bPost)) throw new DomainError('WINDOW.SELF_COVER', 'A post cannot cover itself');
    if (new Set(posts).size !== posts.length) throw new DomainError('WINDOW.DOUBLE_COVER', 'Each A post has one B post');
    const details = { ...d, name: d.name.trim(), department: d.department.trim() };
    if (state.defined && canonicalJson(state.defined) === canonicalJson(details)) return [];
    return [{ type: 'WindowDefined', data: { ...details, definedAt: occurredAt } }];
  },
};
