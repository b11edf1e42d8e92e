import type { LocalizedText } from '../locale';
import { text } from './text';

/** clearance-monitor: statistics, scorecards, complaints and the dashboard. */
export const MONITOR_MESSAGES: Record<string, LocalizedText> = {
  'STATS.WINDOW_TOO_LARGE': text(
    'the window holds too many released shipments: narrow it',
    '该时间窗口内放行的货物过多，请缩小范围',
  ),
  'SCORECARDS.WINDOW_TOO_LARGE': text(
    'the window holds too many decisions: narrow it',
    '该时间窗口内的决定过多，请缩小范围',
  ),
  'SCORECARDS.NOT_AN_AGENCY': text(
    "the supervisor's party is not an agency of the registry",
    '该监督员所属方不是登记表中的机构',
  ),
  'SCORECARDS.OTHER_AGENCY': text(
    "a supervisor sees only its own agency's scorecard",
    '监督员只能查看本机构的考核表',
  ),
  'COMPLAINT.NOT_FOUND': text('complaint {id} not found', '投诉 {id} 不存在'),
  'COMPLAINT.INVALID': text(
    'the complaint names what the registry does not know; every problem is listed',
    '投诉中包含登记表中不存在的内容，所有问题均已列出',
  ),
  'COMPLAINT.OWNER_ID_INVALID': text(
    "the token's subject names the owner: at most 64 letters, digits, dots, dashes or underscores",
    '令牌的主体即处理人：最多 64 位字母、数字、点、连字符或下划线',
  ),
  'COMPLAINT.ALREADY_ANSWERED': text('the complaint is already answered', '该投诉已答复'),
  'COMPLAINT.ALREADY_OWNED': text('another supervisor owns the complaint', '该投诉已由其他监督员负责'),
  'COMPLAINT.NOT_TAKEN': text('take the complaint before answering it', '请先认领该投诉再答复'),
  'COMPLAINT.NOT_OWNER': text('only the owner of the complaint answers it', '只有该投诉的负责人才能答复'),
  'COMPLAINT.NOT_ANSWERED': text(
    'only an answered complaint can be reopened',
    '只有已答复的投诉才能重新打开',
  ),
  'COMPLAINT.ALREADY_REOPENED': text('the complaint was reopened once already', '该投诉已重新打开过一次'),
  'COMPLAINT.REOPEN_TOO_LATE': text('the time to reopen the complaint is over', '已超过重新打开该投诉的期限'),
  'LIVE.TOO_MANY_STREAMS': text(
    'this instance already serves the most live streams it can',
    '本实例的实时数据流已达上限',
  ),
  'DASHBOARD.FILE_NOT_FOUND': text('the dashboard has no such file', '看板没有该文件'),
};
