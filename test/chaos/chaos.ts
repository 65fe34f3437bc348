import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '../support/eventually';
import { TestService } from '../support/service';

/**
 * The chaos suite's tools: bounded load on the real service, what it was told, and a check of the
 * store against it afterwards. Each scenario adds a row to the table printed at the end.
 */

const SUBMIT = `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id } duplicate } }`;
const applicant = { name: '张三', idNumber: '11010519491231002X' };

export interface Row {
  scenario: string;
  store: string;
  acknowledged: number;
  lost: number;
  duplicated: number;
  /** HTTP answers of 500 or more. */
  serverErrors: number;
  /** From the fault to the first acknowledged command after it, in ms (undefined: no fault to recover from). */
  recoveredMs?: number;
  /** Whatever else the scenario measured. */
  note: string;
}

export const rows: Row[] = [];

export const storeName = () => (process.env.CASETRAIL_E2E_STORE === 'postgres' ? 'PostgreSQL' : 'SQLite');

/** Writers submitting cases as fast as the service answers, until stopped. */
export class Load {
  /** commandId → caseId, for every command the service acknowledged. */
  readonly acknowledged = new Map<string, string>();
  /**
   * Commands whose outcome the client does not know (no answer, or STORE.UNAVAILABLE: the connection may
   * have dropped after the write): sent again, with the same commandId, by `settle`, as the API asks.
   */
  readonly unanswered = new Map<string, Record<string, unknown>>();
  serverErrors = 0;
  refusals = new Map<string, number>();
  /** Time of the first acknowledgement after `markFault`. */
  private faultAt?: number;
  recoveredMs?: number;
  private running = true;
  private readonly writers: Promise<void>[];

  constructor(
    private target: () => TestService,
    writers = 6,
  ) {
    this.writers = Array.from({ length: writers }, () => this.write());
  }

  markFault(): void {
    this.faultAt = Date.now();
    this.recoveredMs = undefined;
  }

  private async send(service: TestService, input: Record<string, unknown>): Promise<'ok' | 'refused' | 'unanswered'> {
    let res: Response;
    try {
      res = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${service.token()}` },
        body: JSON.stringify({ query: SUBMIT, variables: { input } }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      return 'unanswered';
    }
    if (res.status >= 500) this.serverErrors++;
    const body = (await res.json().catch(() => ({}))) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
    if (body.data?.submitCase) {
      this.acknowledged.set(input.commandId as string, body.data.submitCase.case.id);
      this.unanswered.delete(input.commandId as string);
      if (this.faultAt !== undefined && this.recoveredMs === undefined) this.recoveredMs = Date.now() - this.faultAt;
      return 'ok';
    }
    const code = body.errors?.[0]?.extensions?.code ?? `HTTP ${res.status}`;
    this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
    return code === 'STORE.UNAVAILABLE' || code === 'REQUEST.TIMEOUT' ? 'unanswered' : 'refused';
  }

  private async write(): Promise<void> {
    while (this.running) {
      const input = { commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant };
      const outcome = await this.send(this.target(), input);
      if (outcome === 'unanswered') {
        this.unanswered.set(input.commandId, input);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  retarget(target: () => TestService): void {
    this.target = target;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.writers);
  }

  /** Sends every unanswered command again with its commandId, as a client does, until each is answered. */
  async settle(): Promise<void> {
    for (const [commandId, input] of [...this.unanswered]) {
      await eventually(async () => expect(await this.send(this.target(), input)).not.toBe('unanswered'), { timeoutMs: 60_000 });
      this.unanswered.delete(commandId);
    }
  }
}

/**
 * Checks the store against what was acknowledged: each acknowledged case is there, recorded once; the
 * case list holds exactly one case per command that went through; and the read models equal a rebuild.
 */
export async function verify(service: TestService, load: Load, options: { rebuild?: boolean } = {}) {
  const leader = service.token('center_leader', 'leader-chaos', { center: 'c1' });
  let lost = 0;
  let duplicated = 0;
  for (const caseId of load.acknowledged.values()) {
    const res = await service.gql(`query($id: ID!) { case(id: $id) { history { type } } }`, { id: caseId }, leader);
    const history = res.data?.case?.history as Array<{ type: string }> | undefined;
    if (!history) lost++;
    else if (history.filter((h) => h.type === 'CaseSubmitted').length > 1) duplicated++;
  }
  const list = async () => {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await service.ok(
        `query($after: String) { cases(filter: { center: "c1" }, first: 100, after: $after) { edges { cursor node { id status timeLimit { dueDate } } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        leader,
      );
      ids.push(...page.edges.map((e: any) => JSON.stringify(e.node)));
      if (!page.pageInfo.hasNextPage) return ids.sort();
      after = page.pageInfo.endCursor;
    }
  };
  const distinctCases = new Set(load.acknowledged.values()).size;
  const before = await eventually(async () => {
    const listed = await list();
    // Every command that went through is one case; a second case for one command would be more.
    expect(listed.length).toBeGreaterThanOrEqual(distinctCases);
    return listed;
  });
  duplicated += before.length - distinctCases;
  let rebuildEqual: boolean | undefined;
  if (options.rebuild) {
    await service.rebuildReadModels();
    rebuildEqual = JSON.stringify(await eventually(async () => list())) === JSON.stringify(before);
  }
  return { lost, duplicated, rebuildEqual };
}

/** The table, as docs/reliability.md shows it. */
export function table(): string {
  const lines = [
    '| scenario | store | acknowledged | lost | duplicated | 5xx | time to recover | notes |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.store} | ${r.acknowledged} | ${r.lost} | ${r.duplicated} | ${r.serverErrors} | ${
          r.recoveredMs === undefined ? '—' : `${(r.recoveredMs / 1000).toFixed(1)} s`
        } | ${r.note} |`,
    ),
  ];
  return lines.join('\n');
}

/** Prints the table and keeps it beside the test output (`test-output/chaos-<store>.md`). */
export function report(): void {
  if (rows.length === 0) return;
  const text = table();
  console.log(`Chaos suite (${storeName()}):\n${text}`);
  const dir = join(__dirname, '../../test-output');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `chaos-${storeName().toLowerCase()}.md`), `${text}\n`);
}

/**
 * Ends a scenario under load: stops the writers, sends every command whose outcome they did not learn
 * again with its id, checks the store against what was acknowledged, and adds the scenario's row.
 */
export async function conclude(
  service: TestService,
  load: Load,
  row: Pick<Row, 'scenario' | 'store' | 'note'>,
  options: { rebuild?: boolean } = {},
): Promise<Row & { rebuildEqual?: boolean }> {
  await load.stop();
  await load.settle();
  await service.projectionsCaughtUp(60_000);
  const { lost, duplicated, rebuildEqual } = await verify(service, load, options);
  const result: Row = {
    ...row,
    acknowledged: load.acknowledged.size,
    lost,
    duplicated,
    serverErrors: load.serverErrors,
    recoveredMs: load.recoveredMs,
  };
  rows.push(result);
  return Object.assign(result, { rebuildEqual });
}

/** "109 × STORE.UNAVAILABLE, …" */
export const refusalsNote = (refusals: Map<string, number>) => [...refusals].map(([code, n]) => `${n} × ${code}`).join(', ');
