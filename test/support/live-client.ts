import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface LiveSubscription<T> {
  received: T[];
  errors: unknown[];
  /** Close code of the socket, once closed. */
  closed: Promise<number>;
  stop(): Promise<void>;
}

/** A graphql-ws client (the official one) on a real WebSocket to the service. */
export function subscribe<T = Record<string, any>>(
  httpUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): LiveSubscription<T> {
  let closedWith!: (code: number) => void;
  const closed = new Promise<number>((resolve) => (closedWith = resolve));
  const client: Client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => closedWith((event as { code: number }).code) },
    onNonLazyError: () => undefined,
  });
  const received: T[] = [];
  const errors: unknown[] = [];
  client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) received.push(Object.values(value.data)[0]);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return {
    received,
    errors,
    closed,
    stop: async () => {
      await client.dispose();
    },
  };
}
