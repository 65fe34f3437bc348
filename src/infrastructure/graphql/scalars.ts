import { GraphQLError, GraphQLScalarType, Kind, print } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';
import {
  EARLIEST_BUSINESS_DAY,
  LATEST_BUSINESS_DAY,
  inBusinessRange,
  isIsoInstant,
  isLocalDate,
  localDateOf,
  normalizeInstant,
} from '../../core/dates';

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Says which value was refused: a literal's error has its place in the query, not the field's name. */
const notADateTime = (value: unknown) =>
  `${JSON.stringify(value)?.slice(0, 40)} is not a DateTime: ISO-8601 with an offset naming a time that exists, e.g. 2026-03-02T09:30:00+08:00`;

const outOfRange = (value: string) =>
  `${value.slice(0, 40)} lies outside the days business may be dated: ${EARLIEST_BUSINESS_DAY} to ${LATEST_BUSINESS_DAY} (China time)`;

/** An instant with an explicit offset, within the business range; normalised to UTC. A bare local time is refused: it would be ambiguous. */
function parseDateTime(value: unknown, shown: string): string {
  if (typeof value !== 'string' || !isIsoInstant(value)) throw invalid(notADateTime(shown));
  const instant = normalizeInstant(value);
  if (!inBusinessRange(localDateOf(instant))) throw invalid(outOfRange(value));
  return instant;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => normalizeInstant(value as string | Date),
  parseValue: (value) => parseDateTime(value, value as string),
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined, ast.kind === Kind.STRING ? ast.value : print(ast)),
});

/** A day (YYYY-MM-DD) that exists, within the business range. */
function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isLocalDate(value)) throw invalid('Date must be YYYY-MM-DD, a day that exists');
  if (!inBusinessRange(value)) throw invalid(outOfRange(value));
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : print(ast)),
});

/** GraphQL enum names mapped to the domain's values, so resolvers only ever see domain values. */
export const enumValues = {
  CaseKind: { IMMEDIATE: 'immediate', PROMISED: 'promised', JOINT: 'joint', ESCALATED: 'escalated' },
  LimitUnit: { WORKING_DAYS: 'working_days', NATURAL_DAYS: 'natural_days' },
  LimitBasis: { IMMEDIATE: 'immediate', PROMISED: 'promised', LEGAL: 'legal', DEFAULT: 'default' },
};

export const scalarResolvers = { DateTime: DateTimeScalar, Date: DateScalar, JSON: GraphQLJSON, ...enumValues };
