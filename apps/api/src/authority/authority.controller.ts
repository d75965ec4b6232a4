import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller } from '../auth/caller';
import { linkNext } from '../edge/paging';
import { DecisionScopeGuard } from './decision-scope.guard';
import { AuthorityService } from './authority.service';
import { AppointDto, DisqualifyExpertDto, EndAppointmentDto, EndExpertPoolEntryDto, EnterExpertPoolDto, RegisterOrganisationDto } from './dto/authority.dto';
import { AppointmentQueryDto, DisqualificationQueryDto, MeetingMembersQueryDto, OrganisationQueryDto } from './dto/lists.dto';
import { ExpertsService } from './experts.service';
import { ScopeService } from './scope.service';

@ApiTags('authority')
@Controller()
export class AuthorityController {
  constructor(
    private readonly authority: AuthorityService,
    private readonly experts: ExpertsService,
    private readonly scopes: ScopeService,
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
  @ApiOkResponse({ description: 'a page of the registered organisations (those named, one\'s children, or the roots); a Link header (rel="next") names the next page where there is one' })
  async organisations(@Query() q: OrganisationQueryDto, @Res({ passthrough: true }) res: FastifyReply) {
    const { items, nextAfter } = await this.authority.organisations(q);
    linkNext(res, '/organisations', { ids: q.ids?.join(','), parentId: q.parentId, roots: q.roots, after: q.after, limit: q.limit }, nextAfter);
    return items;
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
  @ApiOkResponse({ description: 'a page of the appointments, all, one person\'s or one organisation\'s; a Link header (rel="next") names the next page where there is one' })
  async appointments(@Query() q: AppointmentQueryDto, @Res({ passthrough: true }) res: FastifyReply) {
    const { items, nextAfter } = await this.authority.appointments(q);
    linkNext(res, '/appointments', { personId: q.personId, organisationId: q.organisationId, after: q.after, limit: q.limit }, nextAfter);
    return items;
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
  @ApiOkResponse({ description: 'a page of the experts disqualified under Art. 41, all or one expert\'s; a Link header (rel="next") names the next page where there is one' })
  async expertDisqualifications(@Query() q: DisqualificationQueryDto, @Res({ passthrough: true }) res: FastifyReply) {
    const { items, nextAfter } = await this.experts.list(q);
    linkNext(res, '/expert-disqualifications', { expertId: q.expertId, after: q.after, limit: q.limit }, nextAfter);
    return items;
  }

  @Post('expert-pool')
  @HttpCode(201)
  @ApiCreatedResponse({ description: "the expert is entered into the government's decision-consulting expert pool (Art. 21; the same entry sent again gets the same answer)" })
  @ApiConflictResponse({ description: 'the id is used for another pool entry' })
  @ApiForbiddenResponse({ description: 'no endorsement of exactly this entry by a registrar of the government' })
  @ApiUnprocessableEntityResponse({ description: 'the government is not registered, or the term ends before it starts' })
  enterExpertPool(@Body() dto: EnterExpertPoolDto) {
    return this.experts.enter(dto);
  }

  @Post('expert-pool/:id/end')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'the expert leaves the pool (退出, Art. 21) from the given time (the same end sent again gets the same answer)' })
  @ApiNotFoundResponse({ description: 'no such pool entry' })
  @ApiConflictResponse({ description: 'the entry has already ended' })
  @ApiBadRequestResponse({ description: 'the end lies in the past' })
  @ApiForbiddenResponse({ description: "no endorsement of exactly this end by a registrar of the pool's government" })
  endExpertPoolEntry(@Param('id') id: string, @Body() dto: EndExpertPoolEntryDto) {
    return this.experts.endEntry(id, dto);
  }

  @Get('expert-pool')
  @ApiQuery({ name: 'governmentId', required: true, description: 'the government whose decisions would use the pools' })
  @ApiOkResponse({ description: "the government's expert pool and those above it, which its decisions may use (Art. 21 para. 3), each entry with where it stands now (in force, ended, expired, not yet, or disqualified under Art. 41)" })
  @ApiForbiddenResponse({ description: 'the caller holds no office in the government or in one above it' })
  @ApiNotFoundResponse({ description: 'no such government' })
  expertPool(@Query('governmentId') governmentId: string | undefined, @Caller() caller?: Caller) {
    return this.experts.pool(governmentId, caller?.sub ?? '');
  }

  @Get('decisions/:id/expert-panel')
  @UseGuards(DecisionScopeGuard)
  @ApiOkResponse({ description: "the experts the decision's panels name, each with whether they are now in force in an expert pool the decision may use (Art. 21), and whether its profile requires it (expertsFromPool)" })
  expertPanel(@Param('id') id: string) {
    return this.experts.panel(id);
  }

  @Get('decisions/:id/meeting-members')
  @UseGuards(DecisionScopeGuard)
  @ApiOkResponse({ description: "who sits in the decision's deciding organ's meeting at the time asked (now when not given): the chief executives and the meeting members a registrar appointed there, as the minutes may record them present (Art. 30)" })
  meetingMembers(@Param('id') id: string, @Query() q: MeetingMembersQueryDto) {
    return this.scopes.meetingMembers(id, q.at ? new Date(q.at) : new Date());
  }
}
