import { Module } from '@nestjs/common';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsService } from './consultations.service';

/** The public portal's reads (public participation); uses the global Prisma and Temporal client. */
@Module({ controllers: [ConsultationsController], providers: [ConsultationsService] })
export class PortalModule {}
