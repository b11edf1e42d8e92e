import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Declaration, DeclarationSchema } from './declaration.schema';
import { DeclarationsController } from './declarations.controller';
import { AmendmentsService } from './amendments.service';
import { DeclarationsService } from './declarations.service';
import { FilingValidator } from './filing-validator';

@Module({
  imports: [MongooseModule.forFeature([{ name: Declaration.name, schema: DeclarationSchema }])],
  controllers: [DeclarationsController],
  providers: [DeclarationsService, AmendmentsService, FilingValidator],
  exports: [MongooseModule],
})
export class DeclarationsModule {}
