import type { LocalizedText } from '../locale';
import { text } from './text';

/** inspection: risk, inspection tasks and the agencies' approval desk. */
export const INSPECTION_MESSAGES: Record<string, LocalizedText> = {
  'INSPECTION.TASK_NOT_FOUND': text('inspection task {id} not found', '查验任务 {id} 不存在'),
  'INSPECTION.ASSESSMENT_NOT_FOUND': text('no risk assessment for shipment {id}', '货物 {id} 没有风险评估'),
  'INSPECTION.TASK_CLAIMED': text('another officer has claimed the task', '该任务已被其他关员认领'),
  'INSPECTION.TASK_CLOSED': text('the task is closed', '该任务已关闭'),
  'INSPECTION.AWAITING_DOCUMENTS': text(
    'the task awaits the documents asked for',
    '该任务正在等待所要求的单证',
  ),
  'INSPECTION.DEADLINE_PASSED': text(
    'the time limit has passed: the task was deemed approved',
    '已超过时限：该任务已视为通过',
  ),
  'APPROVAL.NOT_FOUND': text('approval task {id} not found', '审批任务 {id} 不存在'),
  'APPROVAL.ALREADY_DECIDED': text('the step is already decided', '该审批环节已作出决定'),
  'APPROVAL.CLOSED': text(
    'the step was closed without a decision (the declaration ended)',
    '该审批环节已关闭，未作决定（报关单已结束）',
  ),
  'APPROVAL.DEADLINE_PASSED': text(
    'the time limit has passed: the step was deemed approved',
    '已超过时限：该审批环节已视为通过',
  ),
  'APPROVAL.REASONS_REQUIRED': text('a refusal needs a reason', '不予通过时须说明理由'),
  'APPROVAL.UNKNOWN_AGENCY': text('the agency is not in the registry', '登记表中没有该机构'),
  'SLOT.SITE_UNKNOWN': text('no inspection site {id}', '没有查验场地 {id}'),
};
