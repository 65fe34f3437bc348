// The console speaks to the service only through its public API, with the signed-in token: the same
// access policy applies to it as to any other client.

/** The token's claims, read (not verified: the service verifies) to know whom to show. */
export function claimsOf(token) {
  const base64 = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))));
}

/** One GraphQL query or mutation over HTTP; throws with the service's code on an error. */
export async function query(token, text, variables = {}) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: text, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) {
    const error = new Error(body.errors[0].message);
    error.code = body.errors[0].extensions?.code;
    throw error;
  }
  return body.data;
}

/**
 * Subscriptions over one WebSocket (graphql-transport-ws). When the connection drops, it reconnects
 * with a growing pause and subscribes again from the last position each subscription received, so no
 * event is missed or shown twice. `onState` hears 'connecting', 'live' and 'reconnecting'.
 */
export class LiveConnection {
  constructor(token, onState) {
    this.token = token;
    this.onState = onState;
    this.subscriptions = new Map();
    this.nextId = 1;
    this.attempt = 0;
    this.closed = false;
    this.connect();
  }

  /** `handler(payload)` for each event; `position` of the payload is kept for resuming. */
  subscribe(text, variables, handler, resumable = true) {
    const id = String(this.nextId++);
    this.subscriptions.set(id, { text, variables, handler, resumable, after: variables.after ?? null });
    if (this.ready) this.send(id);
    return () => {
      this.subscriptions.delete(id);
      if (this.ready) this.socket.send(JSON.stringify({ id, type: 'complete' }));
    };
  }

  connect() {
    this.ready = false;
    this.onState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    const socket = new WebSocket(url, 'graphql-transport-ws');
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${this.token}` } }));
    socket.onmessage = (message) => {
      const m = JSON.parse(message.data);
      if (m.type === 'connection_ack') {
        this.ready = true;
        this.attempt = 0;
        this.onState('live');
        for (const id of this.subscriptions.keys()) this.send(id);
      } else if (m.type === 'next') {
        const sub = this.subscriptions.get(m.id);
        const payload = m.payload.data && Object.values(m.payload.data)[0];
        if (!sub || !payload) return;
        if (sub.resumable && payload.position) sub.after = payload.position;
        sub.handler(payload);
      } else if (m.type === 'error') {
        // A subscription the token may not open: said once, the others go on.
        console.warn(`Subscription refused: ${m.payload?.[0]?.message ?? 'error'}`);
      } else if (m.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
    };
    socket.onclose = (event) => {
      if (this.closed) return;
      // 4403: the token was refused or expired; reconnecting would not help.
      if (event.code === 4403) return this.onState('signed-out');
      this.ready = false;
      this.attempt++;
      this.onState('reconnecting');
      setTimeout(() => this.connect(), Math.min(10_000, 500 * 2 ** Math.min(this.attempt, 5)));
    };
  }

  send(id) {
    const sub = this.subscriptions.get(id);
    const variables = sub.resumable ? { ...sub.variables, after: sub.after } : sub.variables;
    this.socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: sub.text, variables } }));
  }

  close() {
    this.closed = true;
    this.socket?.close();
  }
}
