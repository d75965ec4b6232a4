import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { DECISION_ID_PATTERN } from '../../../../libs/domain';
import { says } from '../validation-messages';

/** A decision named in a public path: its business id, in the registration's shape. */
export class DecisionIdParamDto {
  @ApiProperty({ example: 'SZ-2026-0007', description: "the decision's business id" })
  @Matches(DECISION_ID_PATTERN, says('必须由3至64个字母、数字或者 .、_、- 组成，并以字母或者数字开头', 'must be 3-64 letters, digits, ".", "_" or "-", starting with a letter or digit'))
  id!: string;
}
