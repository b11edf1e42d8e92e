import type { LocalizedText } from '../locale';
import { text } from './text';

/** declaration: filings, amendments, notices, inquiries, delegations and the green channel. */
export const DECLARATION_MESSAGES: Record<string, LocalizedText> = {
  'DECLARATION.NOT_FOUND': text('declaration {id} not found', '报关单 {id} 不存在'),
  'DECLARATION.DEFICIENT': text(
    'the declaration has deficiencies; every one is listed',
    '报关单有误，所有问题均已列出',
  ),
  'DECLARATION.DUPLICATE_BL': text(
    'another declaration holds (or is being lodged for) this bill of lading',
    '该提单已有（或正在申报）另一份报关单',
  ),
  'DECLARATION.NOT_AMENDABLE': text('the declaration can no longer be amended', '该报关单已不能修改'),
  'DECLARATION.NOT_WITHDRAWABLE': text('the declaration can no longer be withdrawn', '该报关单已不能撤回'),
  'NOTICE.NOT_FOUND': text('notice {id} not found', '通知 {id} 不存在'),
  'OPEN NOTICE.NOT_FOUND': text('no open notice for declaration {id}', '报关单 {id} 没有待答复的通知'),
  'NOTICE.CHANGED': text('the notice changed meanwhile; read it again', '通知已有变化，请重新读取'),
  'NOTICE.DECLARATION_CLOSED': text(
    'the declaration is closed and takes no requests',
    '该报关单已结束，不再接受请求',
  ),
  'NOTICE.INCOMPLETE': text(
    'the resubmission must answer every item of the notice',
    '重新提交时须答复通知中的每一项',
  ),
  'INQUIRY.NOT_FOUND': text('inquiry {id} not found', '咨询 {id} 不存在'),
  'INQUIRY.ALREADY_OWNED': text('the inquiry is already claimed or answered', '该咨询已被认领或已答复'),
  'INQUIRY.NOT_OWNER': text(
    'only the officer who claimed the inquiry answers it',
    '只有认领该咨询的关员才能答复',
  ),
  'DELEGATION.NOT_FOUND': text('delegation {id} not found', '委托 {id} 不存在'),
  'DELEGATION.INVALID': text(
    'the delegation has problems; every one is listed',
    '委托有误，所有问题均已列出',
  ),
  'DELEGATION.CONCURRENT_CHANGE': text(
    'the delegation kept changing; send the request again',
    '委托数据不断变化，请重新发送请求',
  ),
  'GREEN-CHANNEL ENTRY.NOT_FOUND': text('green-channel entry {id} not found', '绿色通道登记 {id} 不存在'),
  'GREEN_CHANNEL.CONCURRENT_CHANGE': text(
    'the entry kept changing; send the request again',
    '该登记数据不断变化，请重新发送请求',
  ),
  'CODE_LIST.NOT_FOUND': text('no code list {id}', '没有代码表 {id}'),
  'AGENCY.NOT_FOUND': text('agency {id} not found', '机构 {id} 不存在'),
};
