import WebSocket from 'ws';
import { eventually } from '../support/eventually';
import { TestService } from '../support/service';

const CENTER_EVENTS = 'subscription { centerEvents(center: "c1", after: "-1") { position } }';

/** A raw graphql-transport-ws client, to send what a well-behaved library never would. */
class RawSocket {
  readonly ws: WebSocket;
  readonly messages: Array<{ id?: string; type: string; payload?: any }> = [];
  nexts = 0;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;

  constructor(url: string, path = '/graphql') {
    this.ws = new WebSocket(url.replace(/^http/, 'ws') + path, 'graphql-transport-ws');
    this.closed = new Promise((resolve) => this.ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      // Counted, not kept: a replay may bring tens of thousands.
      if (message.type === 'next') this.nexts++;
      else this.messages.push(message);
    });
  }

  send(message: object): void {
    this.ws.send(JSON.stringify(message));
  }

  async init(token: string): Promise<void> {
    await this.opened;
    this.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    await eventually(async () => expect(this.messages.some((m) => m.type === 'connection_ack')).toBe(true));
  }

  subscribe(id: string, query = CENTER_EVENTS): void {
    this.send({ id, type: 'subscribe', payload: { query } });
  }

  complete(id: string): void {
    this.send({ id, type: 'complete' });
  }

  /** The error codes sent for subscription `id`. */
  errorsOf(id: string): string[] {
    return this.messages.filter((m) => m.id === id && m.type === 'error').flatMap((m) => m.payload.map((e: any) => e.extensions?.code));
  }

  close(): void {
    this.ws.close();
  }
}

describe('WebSocket limits: no client holds up the service', () => {
  const service = new TestService({
    CASETRAIL_WS_MAX_SUBSCRIPTIONS: '3',
    CASETRAIL_WS_MAX_SUBSCRIPTIONS_PER_USER: '5',
    CASETRAIL_WS_MAX_CONNECTIONS_PER_USER: '2',
    CASETRAIL_WS_MAX_MESSAGE_KB: '16',
  });
  const sockets: RawSocket[] = [];
  const open = (path?: string) => {
    const socket = new RawSocket(service.baseUrl, path);
    sockets.push(socket);
    return socket;
  };
  const leader = (user = 'leader-c1') => service.token('center_leader', user, { center: 'c1' });

  beforeAll(() => service.start());
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.ws.terminate();
  });
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  it('closes a socket whose first message is larger than the limit (1009), before reading it or checking a token', async () => {
    const socket = open();
    await socket.opened;
    // 1 MB connection_init with no valid token: refused from the frame's header.
    socket.send({ type: 'connection_init', payload: { authorization: 'x'.repeat(1024 * 1024) } });
    expect((await socket.closed).code).toBe(1009);
    expect((await fetch(`${service.baseUrl}/health/live`)).status).toBe(200);
  });

  it('refuses subscriptions over the limit per connection and per user, one by one, and keeps the others', async () => {
    const a = open();
    await a.init(leader());
    for (const id of ['a1', 'a2', 'a3', 'a4']) a.subscribe(id);
    await eventually(async () => expect(a.errorsOf('a4')).toEqual(['SUBSCRIPTION.TOO_MANY']));
    expect(a.messages.find((m) => m.id === 'a4')!.payload[0].extensions.details).toEqual({ limit: 3, per: 'connection' });
    expect(['a1', 'a2', 'a3'].flatMap((id) => a.errorsOf(id))).toEqual([]);

    // The same user on a second connection: five in all.
    const b = open();
    await b.init(leader());
    for (const id of ['b1', 'b2', 'b3']) b.subscribe(id);
    await eventually(async () => expect(b.errorsOf('b3')).toEqual(['SUBSCRIPTION.TOO_MANY']));
    expect(b.messages.find((m) => m.id === 'b3')!.payload[0].extensions.details).toEqual({ limit: 5, per: 'user' });

    // A subscription completed frees its place.
    a.complete('a1');
    await eventually(async () => {
      b.subscribe(`b-again-${Date.now()}`);
      const last = b.messages.filter((m) => m.type === 'error').at(-1);
      expect(last?.id).not.toMatch(/^b-again/);
    });

    // Another user is not counted with this one.
    const c = open();
    await c.init(leader('leader-2'));
    c.subscribe('c1');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(c.errorsOf('c1')).toEqual([]);

    // Every subscription still running still delivers.
    const before = a.nexts;
    await service.ok(
      `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id } } }`,
      {
        input: { commandId: `ws-limits-${Date.now()}`, itemCode: 'MZ-DB-001', applicant: { name: '张三', idNumber: '11010519491231002X' } },
      },
      service.token('staff', 'staff-a'),
    );
    await eventually(async () => expect(a.nexts - before).toBe(2)); // a2 and a3
  });

  it('closes a connection over the per-user limit with 4290, and the user’s others go on', async () => {
    const first = open();
    await first.init(leader('leader-3'));
    const second = open();
    await second.init(leader('leader-3'));
    const third = open();
    await third.opened;
    third.send({ type: 'connection_init', payload: { authorization: `Bearer ${leader('leader-3')}` } });
    expect(await third.closed).toEqual({ code: 4290, reason: 'Too many connections: at most 2 per user' });
    expect(first.ws.readyState).toBe(WebSocket.OPEN);
    // Once one closes, the user may connect again.
    first.close();
    await first.closed;
    const fourth = open();
    await eventually(async () => {
      await fourth.init(leader('leader-3'));
    });
  });

  it('answers an upgrade to any other path with 404 instead of leaving the socket open', async () => {
    const socket = new WebSocket(service.baseUrl.replace(/^http/, 'ws') + '/elsewhere', 'graphql-transport-ws');
    const status = await new Promise<number | undefined>((resolve) => {
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      socket.once('open', () => resolve(undefined));
      socket.once('error', () => undefined);
    });
    socket.terminate();
    expect(status).toBe(404);
  });
});

describe('WebSocket flow control: a greedy client slows itself, never the service', () => {
  // The limits raised, so that flow control alone has to keep the service answering.
  const service = new TestService({ CASETRAIL_WS_MAX_SUBSCRIPTIONS: '100', CASETRAIL_WS_MAX_SUBSCRIPTIONS_PER_USER: '100' });
  beforeAll(async () => {
    await service.start();
    const simulated = await service.cli('simulate', '--days', '10', '--cases-per-day', '200', '--seed', '3');
    expect(simulated.status).toBe(0);
  });
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  it('answers /health/live while 100 subscriptions on one socket replay the whole log', async () => {
    // The simulated history, applied by the read models (and so published to subscribers).
    const applied = async () =>
      Number(((await (await fetch(`${service.baseUrl}/health/ready`)).json()) as any).details.projections.position);
    const logged = await eventually(async () => {
      const position = await applied();
      expect(position).toBeGreaterThan(3000);
      return position;
    });
    const socket = new RawSocket(service.baseUrl);
    await socket.init(service.token('center_leader', 'leader-greedy', { center: 'c1' }));
    for (let i = 0; i < 100; i++) socket.subscribe(`g${i}`, 'subscription { centerEvents(center: "c1", after: "0") { position type } }');
    await eventually(async () => expect(socket.nexts).toBeGreaterThan(100));
    // Asked while the replay is under way. Each answer waits behind a slice of the replay, not the
    // whole of it: counted in messages the greedy socket got while the request was in flight (a
    // hundred or so; about 4,000 when subscribers did not take turns with the network).
    const statuses: number[] = [];
    const during: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = socket.nexts;
      statuses.push((await fetch(`${service.baseUrl}/health/live`)).status);
      during.push(socket.nexts - before);
    }
    const deliveredByThen = socket.nexts;
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(during.sort((x, y) => x - y)[2]).toBeLessThan(1000);
    expect(deliveredByThen).toBeLessThan(100 * (logged - 1));
    expect(socket.messages.filter((m) => m.type === 'error')).toEqual([]);
    socket.ws.terminate();
  });
});
