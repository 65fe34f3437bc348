import { specFor } from '../../../../test/support/given-when-then';
import { staffDecider, windowDecider } from './staff.decider';

const at = '2026-11-23T02:00:00.000Z';

describe('staff and windows, kept by admins', () => {
  const staff = specFor(staffDecider);
  const window = specFor(windowDecider);
  const registered = {
    type: 'StaffRegistered' as const,
    data: { staffId: 'staff-a', name: '张三', center: 'c1', window: 'civil-affairs', active: true, registeredAt: at },
  };

  it('registers a staff member, records a move, and records nothing when nothing changed', () => {
    staff([])
      .when({
        type: 'RegisterStaff',
        data: { staffId: 'staff-a', name: ' 张三 ', center: 'c1', window: 'civil-affairs', active: true, occurredAt: at },
      })
      .then([registered]);
    staff([registered])
      .when({
        type: 'RegisterStaff',
        data: { staffId: 'staff-a', name: '张三', center: 'c1', window: 'civil-affairs', active: true, occurredAt: at },
      })
      .then([]);
    staff([registered])
      .when({
        type: 'RegisterStaff',
        data: { staffId: 'staff-a', name: '张三', center: 'c1', window: 'forestry', active: true, occurredAt: at },
      })
      .then([{ type: 'StaffRegistered', data: { ...registered.data, window: 'forestry' } }]);
    staff([])
      .when({ type: 'RegisterStaff', data: { staffId: 'a b', name: '', center: 'c1', window: 'w', active: true, occurredAt: at } })
      .thenThrows('VALIDATION.FAILED');
  });

  it('defines a window with its chief representative and AB pairs; a post neither covers itself nor has two covers', () => {
    const def = {
      center: 'c1',
      window: 'civil-affairs',
      name: '民政窗口',
      department: '民政局',
      chiefRepresentative: 'staff-a',
      abPairs: [{ aPost: 'staff-a', bPost: 'staff-b' }],
    };
    window([])
      .when({ type: 'DefineWindow', data: { ...def, occurredAt: at } })
      .then([{ type: 'WindowDefined', data: { ...def, definedAt: at } }]);
    window([])
      .when({ type: 'DefineWindow', data: { ...def, abPairs: [{ aPost: 'staff-a', bPost: 'staff-a' }], occurredAt: at } })
      .thenThrows('WINDOW.SELF_COVER');
    window([])
      .when({
        type: 'DefineWindow',
        data: {
          ...def,
          abPairs: [
            { aPost: 'staff-a', bPost: 'staff-b' },
            { aPost: 'staff-a', bPost: 'staff-c' },
          ],
          occurredAt: at,
        },
      })
      .thenThrows('WINDOW.DOUBLE_COVER');
  });
});
