import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

/**
 * Serves the built web application (`npm run build` makes dist/web) at
 * /app: its files as they are (hashed assets cached for a year), and
 * index.html for any other GET below /app, so the browser's router takes the
 * path (SPA fallback). `/` leads to /app/. Without a build, /app says how to
 * make one. Call before init(), like configureHttp.
 */
export function serveWebApp(app: INestApplication, dir = process.env.WEB_DIST_DIR || defaultWebDir()): void {
  const server = app as NestExpressApplication;
  const index = join(dir, 'index.html');
  server.use(WEB_BASE, express.static(dir, {
    index: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      if (path.includes(`${join(dir, 'assets')}`)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    },
  }));
  server.use(WEB_BASE, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // A missing asset is a 404, not the page.
    if (req.path.startsWith('/assets/')) return next();
    if (!existsSync(index)) {
      res.status(404).type('text/plain; charset=utf-8').send('网页应用尚未构建，请运行 npm run build（the web application is not built: run npm run build）\n');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  server.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' && req.path === '/') return res.redirect(302, `${WEB_BASE}/`);
    next();
  });
}
