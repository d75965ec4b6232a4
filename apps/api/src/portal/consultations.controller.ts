import { Public } from '../auth/public.decorator';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ConsultationView, HearingNoticeView } from '../../../../libs/domain';
import { ConsultationsService } from './consultations.service';

/** Public participation as the public sees it: drafts open for comment, and their documents (no sign-in). */
@ApiTags('public participation')
// Public: the portal's readers and the sign-in page itself have no token.
@Public()
@Controller()
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Get('consultations')
  @ApiOperation({ summary: 'drafts open for public comment now (Art. 14, 15), newest decision first' })
  @ApiOkResponse({ description: 'each with the hashes of the draft and its explanation, the channels and the last day of the period' })
  open(): Promise<ConsultationView[]> {
    return this.consultations.open();
  }

  @Get('decisions/:id/consultation')
  @ApiOperation({ summary: "the decision's latest public comment period, open or closed (404 when none was opened)" })
  ofDecision(@Param('id') id: string): Promise<ConsultationView> {
    return this.consultations.ofDecision(id);
  }

  @Get('decisions/:id/hearings')
  @ApiOperation({ summary: "the hearings announced on the decision's draft (Art. 16): time, place, selection method, then the participants named (404 when none was announced)" })
  hearings(@Param('id') id: string): Promise<HearingNoticeView[]> {
    return this.consultations.hearings(id);
  }
}
