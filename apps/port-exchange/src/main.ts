import { runService } from '@tongguan/platform';
import { portExchange } from './port-exchange.service-definition';

void runService(portExchange);
