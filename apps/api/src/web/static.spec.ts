import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { apiHttpAdapter } from '../edge/http';
import { serveWebApp } from './static';

describe("the web application's files", () => {
  let dir: string;
  let app: NestFastifyApplication;
  /** The status each request ended with, as the log and the metrics see it (onResponse). */
  const ended: number[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>重大行政决策</title>');
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    app = (await Test.createTestingModule({}).compile()).createNestApplication<NestFastifyApplication>(apiHttpAdapter(), { logger: false });
    serveWebApp(app, dir, 'http://127.0.0.1:8090/oidc');
    const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
    fastify.addHook('onResponse', (_req, reply, done) => {
      ended.push(reply.statusCode);
      done();
    });
    await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are answered with the status they end with, for GET and HEAD alike (the page, a path of the router, an asset, none)', async () => {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const ask = (method: string, path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        });
        req.on('error', reject);
        req.end();
      });
    const asked: [string, string][] = [
      ['HEAD', '/app/'],
      ['GET', '/app/'],
      ['HEAD', '/app'],
      ['HEAD', '/app/decisions/SZ-2026-0001'],
      ['GET', '/app/decisions/SZ-2026-0001'],
      ['HEAD', '/app/assets/app-1a2b.js'],
      ['GET', '/app/assets/app-1a2b.js'],
      ['GET', '/app/assets/missing.js'],
      ['HEAD', '/app/index.html'],
    ];
    const answered: number[] = [];
    for (const [method, url] of asked) answered.push(await ask(method, url));
    await new Promise((r) => setTimeout(r, 100)); // (what a handler might still write over an answer sent)
    expect(answered).toEqual([200, 200, 200, 200, 200, 200, 200, 404, 200]);
    expect(ended).toEqual(answered);
  });

  it('go with a policy that keeps scripts and requests to the application and its identity provider, and framing to itself (attacker tester: none)', async () => {
    const { port } = app.getHttpServer().address() as AddressInfo;
    for (const path of ['/app/', '/app/decisions/SZ-2026-0001', '/app/assets/app-1a2b.js']) {
      const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.headers));
        });
        req.on('error', reject);
        req.end();
      });
      expect([path, headers]).toEqual([path, expect.objectContaining({ 'x-frame-options': 'SAMEORIGIN', 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' })]);
      const csp = String(headers['content-security-policy']).split('; ');
      expect(csp).toEqual(expect.arrayContaining(["script-src 'self'", "frame-ancestors 'self'", "connect-src 'self' http://127.0.0.1:8090", "object-src 'none'"]));
    }
  });
});
