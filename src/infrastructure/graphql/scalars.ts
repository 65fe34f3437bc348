import { GraphQLError, GraphQLScalarType, Kind, print } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { isIsoInstant, isLocalDate, normalizeInstant } from '../../core/dates';

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Says which value was refused: a literal's error has its place in the query, not the field's name. */
const notADateTime = (value: unknown) =>
  `${JSON.stringify(value)?.slice(0, 40)} is not a DateTime: ISO-8601 with an offset naming a time that exists, e.g. 2026-03-02T09:30:00+08:00`;

/** An instant with an explicit offset; normalised to UTC. A bare local time is refused: it would be ambiguous. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => normalizeInstant(value as string | Date),
  parseValue: (value) => {
    if (typeof value !== 'string' || !isIsoInstant(value)) throw invalid(notADateTime(value));
    return normalizeInstant(value);
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !isIsoInstant(ast.value))
      throw invalid(notADateTime(ast.kind === Kind.STRING ? ast.value : print(ast)));
    return normalizeInstant(ast.value);
  },
});

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== 'string' || !isLocalDate(value)) throw invalid('Date must be YYYY-MM-DD');
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !isLocalDate(ast.value)) throw invalid('Date must be YYYY-MM-DD');
    return ast.value;
  },
});

/** GraphQL enum names mapped to the domain's values, so resolvers only ever see domain values. */
export const enumValues = {
  CaseKind: { IMMEDIATE: 'immediate', PROMISED: 'promised', JOINT: 'joint', ESCALATED: 'escalated' },
  LimitUnit: { WORKING_DAYS: 'working_days', NATURAL_DAYS: 'natural_days' },
  LimitBasis: { IMMEDIATE: 'immediate', PROMISED: 'promised', LEGAL: 'legal', DEFAULT: 'default' },
};

export const scalarResolvers = { DateTime: DateTimeScalar, Date: DateScalar, JSON: GraphQLJSON, ...enumValues };
