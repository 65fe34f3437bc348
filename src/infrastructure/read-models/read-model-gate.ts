import {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { DomainError } from '../../core/errors';

/** How far a background rebuild has got, as `/health/ready` and the refusal report it. */
export interface RebuildProgress {
  readModels: string[];
  /** `beside`: new tables built next to the old ones and switched in; `in place`: the tables themselves. */
  mode: 'beside' | 'in place';
  state: 'rebuilding' | 'retrying';
  position: string;
  head: string;
  /** Share of the log applied so far, 0–100. */
  percent: number;
  startedAt: string;
  error?: string;
}

/**
 * Keeps queries off a read model that is being rebuilt in the background (READ_MODEL.REBUILDING).
 *
 * A half-built read model would answer with some of the cases and none of the others, and a supervisor
 * cannot tell such an answer from a true one; the old tables of a read model whose version changed hold
 * rows of a meaning the code no longer has. So a query that touches either is refused, with how far the
 * rebuild has got, and the client tries again. Everything else (commands, the other read models, live
 * events) goes on meanwhile.
 *
 * A Kysely plugin on the service's read-model connection: it sees the tables of every query built with
 * Kysely, raw `sql` with `sql.table()` included. The projection runner writes through a connection
 * without it.
 */
export class ReadModelGate implements KyselyPlugin {
  /** Table → the rebuild it waits for. */
  private readonly closed = new Map<string, { readModel: string; progress: () => RebuildProgress }>();

  close(readModel: string, tables: string[], progress: () => RebuildProgress): void {
    for (const table of tables) this.closed.set(table, { readModel, progress });
  }

  open(tables: string[]): void {
    for (const table of tables) this.closed.delete(table);
  }

  isClosed(table: string): boolean {
    return this.closed.has(table);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.closed.size > 0) {
      const table = firstTable(args.node, (name) => this.closed.has(name));
      if (table !== undefined) {
        const { readModel, progress } = this.closed.get(table)!;
        const p = progress();
        throw new DomainError(
          'READ_MODEL.REBUILDING',
          `The read model ${readModel} is being rebuilt (${p.percent}% done); try again shortly`,
          {
            readModel,
            percent: p.percent,
            position: p.position,
            head: p.head,
          },
        );
      }
    }
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** The first table in a query tree (FROM, JOIN, subqueries, raw `sql.table()`) that `wanted` picks. */
function firstTable(node: OperationNode, wanted: (name: string) => boolean): string | undefined {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    if (Array.isArray(item)) {
      for (const child of item) stack.push(child);
      continue;
    }
    const n = item as { kind?: string; table?: { identifier?: { name?: string } } };
    if (n.kind === 'TableNode') {
      const name = n.table?.identifier?.name;
      if (name !== undefined && wanted(name)) return name;
      continue;
    }
    for (const value of Object.values(item)) if (value !== null && typeof value === 'object') stack.push(value);
  }
  return undefined;
}
