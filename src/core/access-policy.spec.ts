import fc from 'fast-check';
import { POLICY, PolicyRow, Principal, Rule, authorizeOperation, authorizeTarget, inReach, reachOf, reaches } from './access-policy';
import { DomainError } from './errors';

const staff: Principal = { id: 'staff-a', role: 'staff', center: 'c1', window: 'civil-affairs' };
const ownCase = { center: 'c1', window: 'civil-affairs', handler: 'staff-x' };
const neighbourCase = { center: 'c1', window: 'forestry', handler: 'staff-f' };
const otherCenterCase = { center: 'c2', window: 'civil-affairs', handler: 'staff-y' };

describe('access policy', () => {
  it('lets staff reach their own window, a case handed to them as cover, and nothing else', () => {
    expect(reaches('window', staff, ownCase)).toBe(true);
    expect(reaches('window', staff, neighbourCase)).toBe(false);
    expect(reaches('window', staff, otherCenterCase)).toBe(false);
    expect(reaches('window', staff, { ...neighbourCase, handler: 'staff-a' })).toBe(true);
    expect(reaches('window', { id: 'staff-b', role: 'staff', center: 'c1' }, ownCase)).toBe(false);
  });

  it('scopes every reach by center: a token of another center with the same user id reaches nothing', () => {
    // The same user id in center c2 (ids are unique only within a center's staff list).
    const namesake: Principal = { id: 'staff-x', role: 'staff', center: 'c2', window: 'civil-affairs' };
    expect(reaches('window', namesake, ownCase)).toBe(false);
    expect(reaches('self', namesake, ownCase)).toBe(false);
    expect(reaches('self', { ...namesake, center: 'c1' }, ownCase)).toBe(true);
    expect(reaches('window', { id: 'staff-x', role: 'staff' }, ownCase)).toBe(false);
    expect(inReach(reachOf('window', namesake), ownCase)).toBe(false);
    expect(inReach(reachOf('self', namesake), ownCase)).toBe(false);
  });

  it('lets a leader reach their center, and oversight only the centers it is assigned', () => {
    const leader = { id: 'l', role: 'center_leader', center: 'c1' };
    expect([ownCase, neighbourCase, otherCenterCase].map((t) => reaches('center', leader, t))).toEqual([true, true, false]);
    const oversight = { id: 'o', role: 'oversight', centers: ['c2', 'c3'] };
    expect([ownCase, otherCenterCase].map((t) => reaches('assigned', oversight, t))).toEqual([false, true]);
    expect(reaches('assigned', { id: 'o2', role: 'oversight' }, otherCenterCase)).toBe(false);
  });

  it('refuses a role without a rule with AUTH.FORBIDDEN, naming the operation', () => {
    expect(() => authorizeOperation('Mutation.acceptCase', { id: 'o', role: 'oversight', centers: ['c1'] })).toThrow(
      expect.objectContaining({ code: 'AUTH.FORBIDDEN', details: { operation: 'Mutation.acceptCase', role: 'oversight' } }),
    );
    expect(() => authorizeTarget('Query.case', staff, neighbourCase)).toThrow(DomainError);
    expect(() => authorizeOperation('Mutation.publishServiceItem', { id: 'x', role: 'nobody' })).toThrow(DomainError);
  });

  it('never lets oversight change a case or the catalog, nor an admin reach a case', () => {
    for (const [operation, row] of Object.entries(POLICY as Record<string, PolicyRow>)) {
      if (row.mutates) expect([operation, row.rules.oversight]).toEqual([operation, undefined]);
      if (/case|Case|deadline|consultation|personalData|Events|Alerts/.test(operation))
        expect([operation, row.rules.admin]).toEqual([operation, undefined]);
    }
  });

  it("lets the service's own processes do anything (their role never comes from a token)", () => {
    expect(authorizeOperation('Mutation.publishServiceItem', { id: 'system', role: 'system' })).toBe('all');
  });

  it('narrows lists exactly as it checks single cases (property)', () => {
    const ids = fc.constantFrom('a', 'b', 'c');
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    fc.assert(
      fc.property(
        fc.constantFrom<Rule>('window', 'center', 'assigned', 'all', 'self'),
        fc.record({
          id: ids,
          role: fc.constant('staff'),
          center: maybe(ids),
          window: maybe(ids),
          centers: maybe(fc.array(ids, { maxLength: 3 })),
        }),
        fc.record({ center: ids, window: ids, handler: fc.option(ids, { nil: null }) }),
        (rule, principal, target) => inReach(reachOf(rule, principal), target) === reaches(rule, principal, target),
      ),
    );
  });
});
