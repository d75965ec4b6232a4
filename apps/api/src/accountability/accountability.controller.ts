import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AccountabilityPage } from '../../../../libs/domain';
import { Caller } from '../auth/caller';
import { AccountabilityQueryDto } from './accountability.dto';
import { AccountabilityService } from './accountability.service';

/** 责任倒查 (Art. 38): a person's part in the record of every decision the caller sees. */
@ApiTags('accountability')
@Controller('people')
export class AccountabilityController {
  constructor(private readonly accountability: AccountabilityService) {}

  @Get(':personId/accountability')
  @ApiOkResponse({ description: "the steps the person signed and the deciding organ's meetings whose minutes name them (presiding, or as a member with the view minuted), in the decisions the caller sees, newest first" })
  @ApiBadRequestResponse({ description: "not a person's id, or a bad page size or cursor" })
  of(@Param('personId') personId: string, @Query() q: AccountabilityQueryDto, @Caller() caller: Caller): Promise<AccountabilityPage> {
    return this.accountability.of(caller.sub, personId, q);
  }
}
