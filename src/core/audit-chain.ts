import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { AuditLink, NewEvent } from './event-store';

/**
 * The audit hash chain (审计链). Every event carries the hash of its predecessor in its stream and its
 * own hash, SHA-256 over a canonical encoding (keys sorted, as JSON Canonicalization, RFC 8785) of
 *   { v: 1, stream, revision, id, type, data, metadata (without `audit`), prev }.
 * Changing, removing, inserting or reordering an event of a stream breaks the links after it. The global
 * log is sealed by signed checkpoints over a Merkle tree of every event's hash in log order
 * (core/merkle.ts), which also catches a change to a stream's last events and a change of order between
 * streams.
 */
export const CHAIN_VERSION = 1;

export interface ChainedContent {
  stream: string;
  revision: bigint;
  id: string;
  type: string;
  data: unknown;
  metadata: NewEvent['metadata'];
}

const sha256 = (text: string) => hash('sha256', text, 'hex');

/** The event's own hash, given the hash of its predecessor in the stream. */
export function eventHash(e: ChainedContent, prev: string | null): string {
  const { audit: _audit, ...metadata } = e.metadata;
  return sha256(
    canonicalJson({
      v: CHAIN_VERSION,
      stream: e.stream,
      revision: e.revision.toString(),
      id: e.id,
      type: e.type,
      data: e.data,
      metadata,
      prev,
    }),
  );
}

/** Links a batch of events appended to `stream` after `expected`, whose last event hashes to `prev`. */
export function chainEvents(stream: string, expected: 'no_stream' | bigint, prev: string | null, events: NewEvent[]): NewEvent[] {
  let revision = expected === 'no_stream' ? -1n : expected;
  let last = prev;
  return events.map((event) => {
    revision++;
    const { audit: _audit, ...metadata } = event.metadata;
    const hash = eventHash({ stream, revision, id: event.id, type: event.type, data: event.data, metadata }, last);
    const audit: AuditLink = { prev: last, hash };
    last = hash;
    return { ...event, metadata: { ...metadata, audit } };
  });
}
