import type { Hono } from 'hono';

/** What middleware puts on every request's context for the routes after it. */
export interface AppEnv {
  Variables: {
    /** The client's address (see client-address.ts): the key of its rate limits. */
    client: string;
  };
}

export type App = Hono<AppEnv>;
