import { runService } from '@tongguan/platform';
import { inspection } from './inspection.service-definition';

void runService(inspection);
