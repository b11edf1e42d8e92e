import { runService } from '@tongguan/platform';
import { logisticsTrading } from './logistics-trading.service-definition';

void runService(logisticsTrading);
