import { Module } from '@nestjs/common';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsService } from './consultations.service';
import { PublishedDecisionsController } from './published.controller';
import { PublishedDecisionsService } from './published.service';

/** The public portal's reads (public participation, published decisions); uses the global Prisma and Temporal client. */
@Module({ controllers: [ConsultationsController, PublishedDecisionsController], providers: [ConsultationsService, PublishedDecisionsService] })
export class PortalModule {}
