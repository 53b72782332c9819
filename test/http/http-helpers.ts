/**
 * Small helpers shared by the HTTP suites: multipart uploads through an Agent's session,
 * real image bytes, and form fields for a valid post.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import type { Agent } from '../support/app.js';

/** The agent's cookies as a Cookie header (the Agent keeps them in a public map). */
export function cookieHeader(agent: Agent): string {
  return [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** Builds a multipart body: plain fields first (the route reads `expect` before the file), then the file. */
export async function multipart(
  fields: Record<string, string>,
  file: { name: string; data: Buffer; type?: string },
): Promise<{ payload: Buffer; contentType: string }> {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append(
    'file',
    new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' }),
    file.name,
  );
  const request = new Request('http://localhost/', { method: 'POST', body });
  const contentType = request.headers.get('content-type');
  if (!contentType) throw new Error('FormData gave no content type');
  return { payload: Buffer.from(await request.arrayBuffer()), contentType };
}

/**
 * POST /media as the agent (its session cookie), asking for JSON, with the CSRF token as the
 * first form field (as the upload form sends it); `csrf: false` leaves the token out.
 */
export async function upload(
  app: FastifyInstance,
  agent: Agent,
  file: { name: string; data: Buffer; type?: string },
  options: { expect?: string; csrf?: boolean } = {},
): Promise<LightMyRequestResponse> {
  if (!agent.csrf) await agent.get('/signin');
  const { payload, contentType } = await multipart(
    {
      ...(options.csrf === false ? {} : { _csrf: agent.csrf }),
      ...(options.expect ? { expect: options.expect } : {}),
    },
    file,
  );
  return app.inject({
    method: 'POST',
    url: '/media',
    payload,
    headers: {
      cookie: cookieHeader(agent),
      'content-type': contentType,
      accept: 'application/json',
    },
  });
}

/** A real PNG of the given size (sharp), so the image pipeline has something to decode. */
export function pngBytes(width = 1200, height = 800): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } },
  })
    .png()
    .toBuffer();
}

/** The form fields of a valid English post by the given authors. */
export function postForm(
  authorIds: string[],
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return { language: 'en', title: 'A title', body: 'Some *text*.', authorIds, ...overrides };
}

/** The post id from the 303 Location of a successful POST /write/new. */
export function postIdFrom(response: LightMyRequestResponse): string {
  const location = String(response.headers.location ?? '');
  const match = /^\/write\/([^/?]+)/.exec(location);
  if (response.statusCode !== 303 || !match?.[1]) {
    throw new Error(`expected a redirect to the new post, got ${response.statusCode} ${location}`);
  }
  return match[1];
}

/**
 * A post (or page) in English written by `writer` through POST /write/new, tagged `harvest`,
 * and published by `editor`; its id.
 */
export async function writeAndPublish(
  writer: Agent,
  editor: Agent,
  fields: { title: string; slug: string; authorIds: string[]; kind?: 'post' | 'page' },
): Promise<string> {
  const { title, slug, authorIds, kind } = fields;
  const id = postIdFrom(
    await writer.post('/write/new', {
      ...(kind ? { kind } : {}),
      language: 'en',
      title,
      slug,
      body: `Body of ${title}.`,
      authorIds,
      tags: 'harvest',
    }),
  );
  const published = await editor.post(`/write/${id}/publish`);
  if (published.statusCode !== 303)
    throw new Error(`publishing ${slug}: expected 303, got ${published.statusCode}`);
  return id;
}
