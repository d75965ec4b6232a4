import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import { RegisterKeyDto, RevokeKeyDto } from './dto/actor-key.dto';
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
  list(@Query('actorId') actorId?: string) {
    return this.keys.list(actorId);
  }
}
