import { ForbiddenException, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IdentityPlatformUnavailableError, InvalidTokenError, type TokenVerifier } from '../auth/token-verifier';
import type { ScopeService } from '../authority/scope.service';
import { CommentsController } from './comments.controller';
import type { CommentsService } from './comments.service';

/**
 * Who may enter a comment of another channel than the website (a letter, a call): an official of the undertaking unit,
 * signed in (test/e2e/comments.e2e.spec.ts over HTTP). Here, what a token that cannot be checked is answered.
 */
describe('CommentsController: a letter entered by an official', () => {
  const request = (authorization?: string) => ({ headers: authorization ? { authorization } : {}, raw: { socket: { remoteAddress: '203.0.113.7' } } }) as unknown as FastifyRequest;
  const controller = (verify: () => Promise<unknown>, actsAs = true) => {
    const comments = { submit: jest.fn(async (..._args: unknown[]) => ({ receipt: 'sha256:00' })) };
    const c = new CommentsController(comments as unknown as CommentsService, { verify } as unknown as TokenVerifier, { actsAs: async () => actsAs } as unknown as ScopeService);
    return { c, comments };
  };

  it('the identity platform away is 503 (retry later), not a refusal of the official', async () => {
    const { c } = controller(() => Promise.reject(new IdentityPlatformUnavailableError('down')));
    await expect(c.submit('D-1', { text: '来信意见', channel: 'letter' }, request('Bearer abc'))).rejects.toBeInstanceOf(ServiceUnavailableException);
  });

  it('a token that does not hold, none, or one of someone not of the unit is 403; the unit’s official is kept with the comment', async () => {
    await expect(controller(() => Promise.reject(new InvalidTokenError('无效', 'invalid'))).c.submit('D-1', { text: '来信意见', channel: 'letter' }, request('Bearer abc'))).rejects.toBeInstanceOf(ForbiddenException);
    await expect(controller(() => Promise.resolve({ sub: 'u-zhang' })).c.submit('D-1', { text: '来信意见', channel: 'phone' }, request())).rejects.toBeInstanceOf(ForbiddenException);
    await expect(controller(() => Promise.resolve({ sub: 'i-feng' }), false).c.submit('D-1', { text: '来信意见', channel: 'phone' }, request('Bearer abc'))).rejects.toBeInstanceOf(ForbiddenException);
    const { c, comments } = controller(() => Promise.resolve({ sub: 'u-zhang' }));
    await c.submit('D-1', { text: '来信意见', channel: 'letter' }, request('Bearer abc'));
    expect(comments.submit).toHaveBeenCalledWith('D-1', '来信意见', 'letter', expect.any(String), 'u-zhang');
  });
});
