import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Actor } from '../../core/actor';

export interface RequestContext {
  actor: Actor;
  /** When the token expires: live subscriptions stop delivering then. */
  expiresAt: Date;
}

/** The authenticated actor of the current GraphQL request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return GqlExecutionContext.create(context).getContext<RequestContext>().actor;
});
