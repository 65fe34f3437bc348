import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { GraphQLFieldResolver, GraphQLSchema, defaultFieldResolver } from 'graphql';
import { Operation, POLICY, authorizeOperation } from '../../core/access-policy';
import { Actor } from '../../core/actor';
import { DomainError } from '../../core/errors';
import { throwIfAny, unstorableTextIssues } from '../../core/validation';
import { RequestContext } from './current-actor.decorator';

/** Records who read what: the oversight office's reads are themselves part of the record (SPEC §10). */
export type ReadRecorder = (operation: string, args: Record<string, unknown>, actor: Actor) => Promise<void>;
const RECORDED_ROLES: ReadonlySet<string> = new Set(['oversight']);

/** Every root field of the schema, as the policy names it (`Query.case`, `Mutation.acceptCase` …). */
export function operationsOf(schema: GraphQLSchema): string[] {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  return roots.flatMap((type) => (type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : []));
}

/**
 * Wraps every root field of the schema so that no operation can run unguarded, including ones added
 * later:
 * - start-up fails if an operation has no row in the access policy;
 * - the actor's role is checked before the resolver (or the subscription) starts; finer checks on
 *   the case reached happen in the resolvers and command handlers;
 * - a query or mutation that has not answered within `timeoutMs` is answered REQUEST.TIMEOUT. A mutation
 *   may still complete afterwards: retrying it with the same commandId returns its result;
 * - a read by the oversight office (a query, or a subscription as it starts) is recorded by `recordRead`
 *   before it runs: if it cannot be recorded, it is not answered.
 */
export function guardSchema(schema: GraphQLSchema, options: { timeoutMs: number; recordRead?: ReadRecorder }): GraphQLSchema {
  const missing = operationsOf(schema).filter((operation) => !(operation in POLICY));
  if (missing.length > 0) throw new Error(`No access policy for ${missing.join(', ')}: add a row to src/core/access-policy.ts`);

  return mapSchema(schema, {
    [MapperKind.ROOT_FIELD]: (field, fieldName, typeName) => {
      const operation = `${typeName}.${fieldName}` as Operation;
      if (typeName === 'Subscription') {
        const subscribe = field.subscribe;
        return {
          ...field,
          subscribe:
            subscribe &&
            (async (source, args, context: RequestContext, info) => {
              authorizeOperation(operation, context.actor);
              throwIfAny(unstorableTextIssues(fromTheInputDown(args)));
              if (options.recordRead && RECORDED_ROLES.has(context.actor.role)) await options.recordRead(operation, args, context.actor);
              return subscribe(source, args, context, info);
            }),
        };
      }
      const resolve: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve: (source, args, context: RequestContext, info) => {
          authorizeOperation(operation, context.actor);
          throwIfAny(unstorableTextIssues(fromTheInputDown(args)));
          const recorded = typeName === 'Query' && options.recordRead && RECORDED_ROLES.has(context.actor.role);
          return withTimeout(
            async () => {
              if (recorded) await options.recordRead!(operation, args, context.actor);
              return resolve(source, args, context, info);
            },
            options.timeoutMs,
            operation,
          );
        },
      };
    },
  });
}

export async function withTimeout<T>(run: () => T | Promise<T>, timeoutMs: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new DomainError(
            'REQUEST.TIMEOUT',
            `${operation} did not finish within ${timeoutMs} ms; a command may still complete, so retry it with the same commandId`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([Promise.resolve().then(run), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Field paths are written from the input down (`applicant.name`), as validation writes them elsewhere. */
function fromTheInputDown(args: Record<string, unknown>): unknown {
  const keys = Object.keys(args);
  return keys.length === 1 && keys[0] === 'input' ? args.input : args;
}
