/**
 * Helpers for the sign-in and account suites: a form post through an Agent's cookies and CSRF
 * token from a chosen client address (light-my-request's `remoteAddress`) and with extra
 * headers (X-Forwarded-For, Accept-Language); a clock the tests can move forward.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Agent } from '../support/app.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { cookieHeader } from './http-helpers.js';

/** Posts a form as `agent` (cookies and CSRF token), from `from.address` with `from.headers`. */
export async function postFrom(
  app: FastifyInstance,
  agent: Agent,
  url: string,
  form: Record<string, string>,
  from: { address?: string; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  if (!agent.csrf) await agent.get('/signin');
  const params = new URLSearchParams(form);
  params.set('_csrf', agent.csrf);
  const response = await app.inject({
    method: 'POST',
    url,
    payload: params.toString(),
    ...(from.address ? { remoteAddress: from.address } : {}),
    headers: {
      cookie: cookieHeader(agent),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      ...from.headers,
    },
  });
  const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
  if (match?.[1]) agent.csrf = match[1];
  return response;
}

/** Replaces the deps' clock with one that runs `offset` ms ahead of real time; returns a mover. */
export function movableClock(deps: ServiceDeps): { advance(ms: number): void } {
  let offset = 0;
  deps.clock = { now: () => new Date(Date.now() + offset) };
  return {
    advance: (ms) => {
      offset += ms;
    },
  };
}

/** Whether the response set a session cookie (a successful sign-in or sign-up). */
export function startedSession(response: LightMyRequestResponse): boolean {
  return response.cookies.some((c) => c.name === 'pp_session' && c.value !== '');
}
