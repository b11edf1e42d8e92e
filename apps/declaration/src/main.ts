import { runService } from '@tongguan/platform';
import { declaration } from './declaration.service-definition';

void runService(declaration);
