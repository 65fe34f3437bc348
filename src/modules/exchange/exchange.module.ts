import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ExchangeRecordsResolver } from './exchange-records.resolver';

/**
 * GB/T 39046 数据交换 (SPEC §9): a case's records in the national exchange standard's shape, made from
 * the case's stream and its ratings. It reads both, so it sits above both.
 */
@Module({
  imports: [CasesModule],
  providers: [ExchangeRecordsResolver],
})
export class ExchangeModule {}
