import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** How a request ended: answered (its status sent in full), or cut off by the client before its answer was. */
export type RequestEnd = 'answered' | 'aborted';

/**
 * Calls `ended` once for every routed request as it ends: answered (Fastify's onResponse: the answer sent in full), or
 * aborted (the connection closed first: an upload cut off, a client that gave up), which onResponse never hears of.
 */
export function onRequestEnd(fastify: FastifyInstance, ended: (req: FastifyRequest, reply: FastifyReply, how: RequestEnd) => void): void {
  const told = new WeakSet<FastifyRequest>();
  const tell = (req: FastifyRequest, reply: FastifyReply, how: RequestEnd) => {
    if (told.has(req)) return; // (an answer attempted after the client left ends nothing more)
    told.add(req);
    ended(req, reply, how);
  };
  fastify.addHook('onRequest', (req, reply, done) => {
    // Closed with its answer sent in full, the request is onResponse's to tell; closed before, it was cut off.
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) tell(req, reply, 'aborted');
    });
    done();
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    tell(req, reply, 'answered');
    done();
  });
}
