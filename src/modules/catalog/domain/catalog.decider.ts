import { canonicalJson } from '../../../core/canonical-json';
import { assertNever, Decider, DomainCommand, DomainEvent } from '../../../core/decider';
import { throwIfAny } from '../../../core/validation';
import { ItemSnapshot } from './item-snapshot';
import { ServiceItemDefinition, serviceItemIssues } from './service-item';

export type PublishServiceItem = DomainCommand<'PublishServiceItem', { item: ServiceItemDefinition; occurredAt: string }>;
/** A new version of a service item. Cases already accepted stay pinned to the version they were accepted under. */
export type ServiceItemPublished = DomainEvent<'ServiceItemPublished', { item: ItemSnapshot; publishedAt: string }>;

export type CatalogCommand = PublishServiceItem;
export type CatalogEvent = ServiceItemPublished;
export type ServiceItemState = { current: ItemSnapshot | null };

export const serviceItemStream = (code: string) => `item-${code}`;

function normalize(item: ServiceItemDefinition): ServiceItemDefinition {
  return {
    code: item.code,
    name: item.name.trim(),
    department: item.department.trim(),
    window: item.window,
    kind: item.kind,
    ...(item.legalLimit !== undefined ? { legalLimit: item.legalLimit } : {}),
    ...(item.promisedLimit !== undefined ? { promisedLimit: item.promisedLimit } : {}),
    limitUnit: item.limitUnit,
    fee: item.fee.trim(),
    ...(item.feeBasis ? { feeBasis: item.feeBasis.trim() } : {}),
    ...(item.legalBasis ? { legalBasis: item.legalBasis.trim() } : {}),
    materials: (item.materials ?? []).map((m) => m.trim()),
    steps: (item.steps ?? []).map((s) => s.trim()),
    ...(item.stepLimits && Object.keys(item.stepLimits).length ? { stepLimits: item.stepLimits } : {}),
    ...(item.stepMinimumDays && Object.keys(item.stepMinimumDays).length ? { stepMinimumDays: item.stepMinimumDays } : {}),
    ...(item.acceptanceDays ? { acceptanceDays: { from: item.acceptanceDays.from, to: item.acceptanceDays.to } } : {}),
    ...(item.supplementDeadline ? { supplementDeadline: { days: item.supplementDeadline.days, unit: item.supplementDeadline.unit } } : {}),
    allowsToleranceAcceptance: item.allowsToleranceAcceptance ?? false,
    ...(item.participants?.length
      ? {
          participants: item.participants.map((p) => ({
            window: p.window,
            department: p.department.trim(),
            reviewLimit: p.reviewLimit,
            required: p.required ?? true,
          })),
        }
      : {}),
  };
}

function sameDefinition(a: ItemSnapshot, b: ServiceItemDefinition): boolean {
  const { version: _version, ...published } = a;
  return canonicalJson(normalize(published as ServiceItemDefinition)) === canonicalJson(b);
}

export const catalogDecider: Decider<ServiceItemState, CatalogCommand, CatalogEvent> = {
  initialState: () => ({ current: null }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ServiceItemPublished':
        return { current: event.data.item };
      default:
        return assertNever(event.type, 'catalog event');
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'PublishServiceItem': {
        throwIfAny(serviceItemIssues(command.data.item));
        const item = normalize(command.data.item);
        // Publishing what is already in force changes nothing and records nothing.
        if (state.current && sameDefinition(state.current, item)) return [];
        return [
          {
            type: 'ServiceItemPublished',
            data: { item: { ...item, version: (state.current?.version ?? 0) + 1 }, publishedAt: command.data.occurredAt },
          },
        ];
      }
      default:
        return assertNever(command.type, 'catalog command');
    }
  },
};
