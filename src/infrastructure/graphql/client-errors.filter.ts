import { ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError } from '../../core/errors';

/**
 * A refusal (bad input, a rule that says no) is the client's mistake, not the service's: it is answered
 * with its code (errors.ts) and logged at info, so that `error` in the log means something broke.
 */
@Catch(DomainError)
export class ClientErrorsFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('Refused');

  catch(error: DomainError, host: ArgumentsHost): DomainError {
    const info = host.getArgByIndex(3) as { fieldName?: string; parentType?: { name: string } } | undefined;
    const operation = info?.parentType && info.fieldName ? `${info.parentType.name}.${info.fieldName}` : host.getType();
    this.logger.log(`${operation}: ${error.code}: ${error.message}`);
    return error;
  }
}
