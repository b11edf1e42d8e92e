import { runService } from '@tongguan/platform';
import { clearanceMonitor } from './clearance-monitor.service-definition';

void runService(clearanceMonitor);
