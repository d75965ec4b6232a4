import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AuthorityService } from './authority.service';
import { AppointDto, EndAppointmentDto, RegisterOrganisationDto } from './dto/authority.dto';

@ApiTags('authority')
@Controller()
export class AuthorityController {
  constructor(private readonly authority: AuthorityService) {}

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
}
