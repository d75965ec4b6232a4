import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, ValidateBy } from 'class-validator';
import { ORGANISATION_ID_PATTERN } from '../../../../../libs/domain';
import { IsInstant } from '../../edge/is-instant';
import { IdFilter, PageQueryDto } from '../../edge/paging';
import { says, Says } from '../../validation-messages';

/** How many organisations one request may name by id (a page's worth of names). */
export const MAX_NAMED_ORGANISATIONS = 200;

const orgId = says('必须是机构编号', 'must be an organisation id');

/**
 * GET /organisations: a page of the registered organisations in the order of their ids, narrowed to the ids named
 * (the names a page shows), the children of one (a tree opened a level at a time), or those under none (its roots).
 * The country has some hundreds of thousands: no browser reads them all.
 */
export class OrganisationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: String, example: 'hz,hz-jtj', description: `these organisations only: their ids, comma-separated, at most ${MAX_NAMED_ORGANISATIONS}` })
  @IsOptional()
  @Matches(ORGANISATION_ID_PATTERN, says('每一项都必须是机构编号，以英文逗号分隔', 'each item must be an organisation id, the items separated by commas', { each: true }))
  @IsString({ each: true, ...Says.eachText })
  @ArrayMaxSize(MAX_NAMED_ORGANISATIONS, Says.maxItems(MAX_NAMED_ORGANISATIONS))
  @IsArray(Says.array)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  ids?: string[];

  @ApiPropertyOptional({ example: 'hz', description: 'the organisations directly under this one' })
  @IsOptional()
  @Matches(ORGANISATION_ID_PATTERN, orgId)
  @IsString(Says.text)
  parentId?: string;

  @ApiPropertyOptional({ enum: ['true'], description: 'the organisations under none (the tree’s roots); not with parentId' })
  @IsOptional()
  @ValidateBy(
    { name: 'notWithParent', validator: { validate: (_v: unknown, args) => (args?.object as OrganisationQueryDto).parentId === undefined } },
    says('不能与 parentId 同时使用：根机构不隶属于任何机构', 'roots and parentId cannot be used together: a root belongs to none'),
  )
  @IsIn(['true'], Says.oneOf(['true']))
  roots?: string;
}

/** GET /appointments: a page of the appointments in the order of their ids, one person's or one organisation's. */
export class AppointmentQueryDto extends PageQueryDto {
  @IdFilter("one person's appointments")
  personId?: string;

  @IdFilter("the appointments in one organisation")
  organisationId?: string;
}

/** GET /expert-disqualifications: a page of them in the order of their ids, one expert's. */
export class DisqualificationQueryDto extends PageQueryDto {
  @IdFilter("one expert's disqualifications")
  expertId?: string;
}

/** GET /decisions/:id/meeting-members: who sat, or sits, in the decision's deciding organ's meeting at a time (Art. 30). */
export class MeetingMembersQueryDto {
  @ApiPropertyOptional({ example: '2026-12-01T09:00:00+08:00', description: "the meeting's time (now when not given): the offices standing then" })
  @IsOptional()
  @IsInstant()
  at?: string;
}
