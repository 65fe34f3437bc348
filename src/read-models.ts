import { ReadModelProjection } from './infrastructure/read-models/database';
import { caseProjections } from './modules/cases';
import { catalogProjections } from './modules/catalog';
import { complaintProjections } from './modules/complaints';
import { oversightProjections } from './modules/oversight';
import { ratingProjections } from './modules/ratings';
import { scoringProjections } from './modules/scoring';
import { staffProjections } from './modules/staff';

/**
 * Every read model of the service, gathered from the modules (each exports its own from its index.ts):
 * the one list the service (through the token PROJECTIONS) and `casetrail replay` both build. Each call
 * gives new instances.
 */
export function allProjections(): ReadModelProjection[] {
  return [
    ...caseProjections(),
    ...catalogProjections(),
    ...scoringProjections(),
    ...complaintProjections(),
    ...staffProjections(),
    ...ratingProjections(),
    ...oversightProjections(),
  ];
}
