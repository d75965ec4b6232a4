import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PublishedDecisionView } from '../../../../libs/domain';
import { Public } from '../auth/public.decorator';
import { DecisionIdParamDto } from './published.dto';
import { PublishedDecisionsService } from './published.service';

/** Published decisions (Art. 32) and the adoption reports of their consultations (Art. 18), for the public: no sign-in. */
@ApiTags('public participation')
@Public()
@Controller('published-decisions')
export class PublishedDecisionsController {
  constructor(private readonly published: PublishedDecisionsService) {}

  @Get()
  @ApiOperation({ summary: 'decisions published (Art. 32), newest publication first' })
  @ApiOkResponse({ description: "each with where and when it was published, the published document's hash and the adoption report of its public consultation (Art. 18), if any" })
  list(): Promise<PublishedDecisionView[]> {
    return this.published.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'one published decision' })
  @ApiOkResponse({ description: "where and when it was published, the published document's hash and the adoption report of its public consultation (Art. 18), if any" })
  @ApiNotFoundResponse({ description: 'no such decision, or it has not been published' })
  one(@Param() p: DecisionIdParamDto): Promise<PublishedDecisionView> {
    return this.published.one(p.id);
  }
}
