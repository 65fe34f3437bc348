import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { existsSync } from 'node:fs';
import { authorizeTarget } from '../../../core/access-policy';
import { Actor } from '../../../core/actor';
import { Clock } from '../../../core/clock';
import { EventStore } from '../../../core/event-store';
import type { AppConfig } from '../../../config';
import { CurrentActor } from '../../../infrastructure/graphql/current-actor.decorator';
import { ReadModelDb } from '../../../infrastructure/read-models/database';
import { CLOCK, CONFIG, EVENT_STORE, READ_MODEL_DB } from '../../../infrastructure/tokens';
import { CaseCommands } from '../../cases/cases.module';
import { caseTarget } from '../../cases';
import { merkleBlocksUpTo } from '../audit/merkle-blocks.projection';
import { SigningKey } from '../audit/signing-key';
import { checkCaseChain } from './case-chain';
import { buildDossier } from './dossier';

/**
 * The audit chain of one case checked now, event by event, for whoever may read the case: the same
 * dossier `casetrail export` writes, checked as `casetrail verify --dossier` checks it, against the
 * service's own signing key. Hashes only: no event content leaves through it.
 */
@Resolver()
export class CaseChainResolver {
  private trustedKey?: string | null;

  constructor(
    private readonly cases: CaseCommands,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  @Query('caseChain')
  async caseChain(@Args('caseId') caseId: string, @CurrentActor() actor: Actor) {
    const c = await this.cases.load(caseId);
    if (!c) return null;
    authorizeTarget('Query.caseChain', actor, caseTarget(c));
    const dossier = await buildDossier(this.store, caseId, this.clock.now(), (upTo) => merkleBlocksUpTo(this.db, upTo));
    return { ...checkCaseChain(dossier, this.signingKey()), checkedAt: this.clock.now().toISOString() };
  }

  /** Checkpoints must carry the service's own key; before it exists (nothing sealed yet) any key is reported as found. */
  private signingKey(): string | null {
    if (this.trustedKey) return this.trustedKey;
    const { path } = this.config.auditKey;
    this.trustedKey = existsSync(path) ? SigningKey.load(path, { generate: false }).publicKey : null;
    return this.trustedKey;
  }
}
