import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AuthorityService } from './authority.service';
import { AppointDto, DisqualifyExpertDto, EndAppointmentDto, RegisterOrganisationDto } from './dto/authority.dto';
import { ExpertsService } from './experts.service';

@ApiTags('authority')
@Controller()
export class AuthorityController {
  constructor(
    private readonly authority: AuthorityService,
    private readonly experts: ExpertsService,
  ) {}

  @Post('organisations')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'the organisation is registered (the same registration sent again gets the same answer)' })
  @ApiConflictResponse({ description: 'the id is registered for another organisation' })
  @ApiForbiddenResponse({ description: "no endorsement of exactly this organisation by a registrar of its government" })
  @ApiUnprocessableEntityResponse({ description: 'the parent organisation is not registered' })
  registerOrganisation(@Body() dto: RegisterOrganisationDto) {
    return this.authority.registerOrganisation(dto);
  }

  @Get('organisations')
  @ApiOkResponse({ description: 'every registered organisation' })
  organisations() {
    return this.authority.organisations();
  }

  @Post('appointments')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'the appointment is made (the same appointment sent again gets the same answer)' })
  @ApiConflictResponse({ description: 'the id is used for another appointment' })
  @ApiForbiddenResponse({ description: "no endorsement of exactly this appointment by a registrar of the organisation's government" })
  @ApiUnprocessableEntityResponse({ description: 'the organisation is not registered' })
  appoint(@Body() dto: AppointDto) {
    return this.authority.appoint(dto);
  }

  @Post('appointments/:id/end')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'the appointment ends at the given time' })
  @ApiNotFoundResponse({ description: 'no such appointment' })
  @ApiConflictResponse({ description: 'the appointment has already ended' })
  @ApiForbiddenResponse({ description: "no endorsement of exactly this end by a registrar of the organisation's government" })
  endAppointment(@Param('id') id: string, @Body() dto: EndAppointmentDto) {
    return this.authority.endAppointment(id, dto);
  }

  @Get('appointments')
  @ApiOkResponse({ description: "appointments, all or one person's" })
  appointments(@Query('personId') personId?: string) {
    return this.authority.appointments(personId);
  }

  @Post('expert-disqualifications')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'the expert is disqualified for the pool of the government and those below it (Art. 41; the same record sent again gets the same answer)' })
  @ApiConflictResponse({ description: 'the id is used for another disqualification' })
  @ApiForbiddenResponse({ description: 'no endorsement of exactly this disqualification by a registrar of the government' })
  @ApiUnprocessableEntityResponse({ description: 'the government is not registered' })
  disqualifyExpert(@Body() dto: DisqualifyExpertDto) {
    return this.experts.disqualify(dto);
  }

  @Get('expert-disqualifications')
  @ApiOkResponse({ description: "experts disqualified under Art. 41, all or one expert's" })
  expertDisqualifications(@Query('expertId') expertId?: string) {
    return this.experts.list(expertId);
  }
}
