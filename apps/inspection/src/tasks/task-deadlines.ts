import { Injectable } from '@nestjs/common';
import { DeadlineSignals } from '../deadlines/deadline-signals';

/** The deadlines of inspection tasks this instance set (see DeadlineSignals). */
@Injectable()
export class TaskDeadlines extends DeadlineSignals {}
