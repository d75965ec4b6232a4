import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { linkNext } from '../edge/paging';
import { ActorKeyQueryDto, RegisterKeyDto, RevokeKeyDto } from './dto/actor-key.dto';
import { KeysService } from './keys.service';

@ApiTags('keys')
@Controller('actor-keys')
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'the key is registered for its validity period' })
  @ApiConflictResponse({ description: 'the key is already registered' })
  @ApiForbiddenResponse({ description: "no trusted registrar's endorsement of exactly this key" })
  register(@Body() dto: RegisterKeyDto) {
    return this.keys.register(dto);
  }

  @Post(':keyId/revocation')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'the key is revoked from now on' })
  @ApiConflictResponse({ description: 'the key is already revoked' })
  @ApiForbiddenResponse({ description: "no trusted registrar's endorsement of exactly this revocation" })
  revoke(@Param('keyId') keyId: string, @Body() dto: RevokeKeyDto) {
    return this.keys.revoke(keyId, dto);
  }

  @Get()
  @ApiOkResponse({ description: 'a page of the registered keys, all or one actor\'s; a Link header (rel="next") names the next page where there is one' })
  async list(@Query() q: ActorKeyQueryDto, @Res({ passthrough: true }) res: FastifyReply) {
    const { items, nextAfter } = await this.keys.list(q);
    linkNext(res, '/actor-keys', { actorId: q.actorId, after: q.after, limit: q.limit }, nextAfter);
    return items;
  }
}
