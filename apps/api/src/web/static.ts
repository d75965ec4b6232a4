import send, { type SendOptions } from '@fastify/send';
import { NotFoundException, type INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { toHttp } from '../errors';
import { loadWebClientConfig } from './web-config';

/**
 * Where the web application lives: under /app, so that its own paths
 * (/app/decisions/SZ-2026-0001) never meet the API's (/decisions/SZ-2026-0001),
 * and every API route keeps its place.
 */
export const WEB_BASE = '/app';

/** dist/web of the checkout, whether the API runs from dist/ or from source (tests). */
export function defaultWebDir(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prisma'))) return join(dir, 'dist', 'web');
  }
  return join(__dirname, 'web');
}

/** How a hashed asset is sent (cached for a year), and any other file of the build (no-cache, its own header). */
const ASSET: SendOptions = { maxAge: '365d', immutable: true };
const PAGE: SendOptions = { cacheControl: false };

/**
 * Serves the built web application (`npm run build` makes dist/web) at
 * /app: its files as they are (hashed assets cached for a year), and
 * index.html for any other GET below /app, so the browser's router takes the
 * path (SPA fallback). `/` leads to /app/. Without a build, /app says how to
 * make one. Call before init(), like configureHttp.
 */
/**
 * The headers every file of the web application goes with: its scripts, styles and requests its own (AntD writes its
 * styles inline), the identity provider's origin for sign-in (its endpoints, and the frame of a silent renewal); framed
 * only by itself (the silent renewal's callback), sniffed as nothing else, and no address sent to other sites. The
 * pages had none: any site could frame them (attacker tester), and nothing would contain a script injected one day
 * beside the official's signing key.
 */
export function webAppHeaders(issuer: string | undefined): Record<string, string> {
  const idp = issuer ? ` ${new URL(issuer).origin}` : '';
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${idp}`,
    `frame-src 'self'${idp}`,
    `form-action 'self'${idp}`,
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
  return { 'content-security-policy': csp, 'x-frame-options': 'SAMEORIGIN', 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' };
}

export function serveWebApp(app: INestApplication, dir = process.env.WEB_DIST_DIR || defaultWebDir(), issuer = loadWebClientConfig(process.env).oidc?.authority): void {
  const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance() as FastifyInstance;
  const headers = webAppHeaders(issuer);
  const index = join(dir, 'index.html');
  const page = async (req: FastifyRequest, reply: FastifyReply) => {
    // A missing asset is the API's own 404, not the page.
    if (req.url.startsWith(`${WEB_BASE}/assets/`)) return notFound(req, reply);
    if (!existsSync(index)) {
      return reply.code(404).headers(headers).type('text/plain; charset=utf-8').send('网页应用尚未构建，请运行 npm run build（the web application is not built: run npm run build）\n');
    }
    return (await file(req, reply, '/index.html', PAGE)) ? reply : notFound(req, reply);
  };
  /**
   * A file of the build, as asked (ranges, conditions: 206, 304, 412, 416): whether there was one to send. (Not the
   * reply itself: a reply is a thenable that resolves to nothing, so awaiting it read as "no file", and the 404 was
   * written over the answer already sent: HEAD /app/ was logged and counted as 404.)
   */
  const file = async (req: FastifyRequest, reply: FastifyReply, path: string, options: SendOptions): Promise<boolean> => {
    const sent = await send(req.raw, path, { root: dir, index: false, ...options });
    if (sent.type === 'directory' || (sent.type === 'error' && sent.statusCode !== 412 && sent.statusCode !== 416)) return false;
    reply.code(sent.statusCode).headers(sent.headers as Record<string, string>).headers(headers);
    if (sent.type === 'error') void reply.send();
    else {
      if (options === PAGE) reply.header('cache-control', 'no-cache');
      void reply.send(sent.stream);
    }
    return true;
  };
  const notFound = (req: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toHttp(new NotFoundException(`Cannot ${req.method} ${req.url.split('?')[0]}`));
    return reply.code(status).send(body);
  };
  // Hashed assets never change under their name: cached for a year. Any other file is asked again each time (a new
  // build's page names new assets); anything that is not a file is the page.
  fastify.get(`${WEB_BASE}/*`, async (req, reply) => {
    const path = req.url.slice(WEB_BASE.length).split('?')[0];
    return (await file(req, reply, path, path.startsWith('/assets/') ? ASSET : PAGE)) ? reply : page(req, reply);
  });
  fastify.get(WEB_BASE, page);
  fastify.get('/', (_req, reply) => reply.redirect(`${WEB_BASE}/`, 302));
}
