import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { ASTVisitor, GraphQLError, Kind, ValidationContext, ValidationRule } from 'graphql';
import type { RequestLimits } from '../../config';

function refusal(code: string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code } }));
  };
}

/** At most `max` operations in one document. */
function maxOperationsRule(max: number): ValidationRule {
  return (context): ASTVisitor => ({
    Document(node) {
      const count = node.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
      if (count > max) {
        context.reportError(
          new GraphQLError(`A request may hold at most ${max} operation(s), found ${count}.`, {
            extensions: { code: 'QUERY.TOO_MANY_OPERATIONS' },
          }),
        );
      }
    },
  });
}

/** At most `max` top-level fields in one operation (fragments on the root count too). */
function maxRootFieldsRule(max: number): ValidationRule {
  return (context): ASTVisitor => ({
    OperationDefinition(node) {
      let count = 0;
      const visit = (selections: readonly import('graphql').SelectionNode[], seen: Set<string>) => {
        for (const s of selections) {
          if (s.kind === Kind.FIELD) count++;
          else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet.selections, seen);
          else if (!seen.has(s.name.value)) {
            seen.add(s.name.value);
            const fragment = context.getFragment(s.name.value);
            if (fragment) visit(fragment.selectionSet.selections, seen);
          }
        }
      };
      visit(node.selectionSet.selections, new Set());
      if (count > max) {
        context.reportError(
          new GraphQLError(`An operation may have at most ${max} top-level fields, found ${count}.`, {
            extensions: { code: 'QUERY.TOO_MANY_ROOT_FIELDS' },
          }),
        );
      }
    },
  });
}

/** The validation rules enforcing the limits, for HTTP (Apollo) and WebSocket (graphql-ws) alike. */
export function limitRules(limits: RequestLimits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false };
  return [
    maxOperationsRule(limits.maxOperations),
    maxRootFieldsRule(limits.maxRootFields),
    maxDepthRule({ ...common, n: limits.maxDepth, ignoreIntrospection: false, onReject: [refusal('QUERY.TOO_DEEP')] }) as ValidationRule,
    costLimitRule({
      ...common,
      maxCost: limits.maxCost,
      ignoreIntrospection: false,
      onReject: [refusal('QUERY.TOO_COSTLY')],
    }) as ValidationRule,
    maxAliasesRule({ ...common, n: limits.maxAliases, onReject: [refusal('QUERY.TOO_MANY_ALIASES')] }) as ValidationRule,
    maxDirectivesRule({ ...common, n: limits.maxDirectives, onReject: [refusal('QUERY.TOO_MANY_DIRECTIVES')] }) as ValidationRule,
  ];
}

/** Codes of the refusals above: formatted errors keep them. */
export const LIMIT_CODES = [
  'QUERY.TOO_MANY_OPERATIONS',
  'QUERY.TOO_MANY_ROOT_FIELDS',
  'QUERY.TOO_DEEP',
  'QUERY.TOO_COSTLY',
  'QUERY.TOO_MANY_ALIASES',
  'QUERY.TOO_MANY_DIRECTIVES',
  'QUERY.TOO_MANY_TOKENS',
];

/** graphql-js stops parsing past `maxTokens` with this message (sic). */
export function isTokenLimitError(message: string): boolean {
  return /Document contains more th\w* \d+ tokens/.test(message);
}
