import type { LocalizedText } from '../locale';
import { text } from './text';

/** port-exchange: vessel calls, manifests, discharges, gates, holds and the agency feeds. */
export const PORT_MESSAGES: Record<string, LocalizedText> = {
  'VESSEL CALL.NOT_FOUND': text('vessel call {id} not found', '船舶航次 {id} 不存在'),
  'VESSEL_CALL.NOT_OWNER': text(
    'the vessel call belongs to another party: only the party that announced it changes its manifest',
    '该船舶航次属于其他方：只有申报该航次的一方才能修改其舱单',
  ),
  'VESSEL_CALL.ATA_INVALID': text(
    'the actual time of arrival has problems; every one is listed',
    '实际抵港时间有误，所有问题均已列出',
  ),
  'VESSEL_CALL.ATA_ALREADY_REPORTED': text(
    'the vessel call already has a different reported ATA',
    '该船舶航次已申报了不同的实际抵港时间',
  ),
  'BILL OF LADING.NOT_FOUND': text('bill of lading {id} not found', '提单 {id} 不存在'),
  'CONTAINER.NOT_FOUND': text('container {id} not found', '集装箱 {id} 不存在'),
  'BILL_OF_LADING.ALREADY_DISCHARGED': text(
    'the B/L is being or has been discharged: its manifest line can no longer change',
    '该提单货物正在或已经卸船：舱单数据不能再更改',
  ),
  'MANIFEST.REJECTED': text(
    'the manifest has deficiencies; every one is listed and nothing else was changed',
    '舱单有误，所有问题均已列出，其他内容均未更改',
  ),
  'MANIFEST_UPLOAD.REJECTED': text(
    'the file cannot be read as a manifest; nothing was stored',
    '该文件无法作为舱单读取，未保存任何内容',
  ),
  'MANIFEST_UPLOAD.TOO_LARGE': text('the file is too large: split it', '文件过大，请拆分后上传'),
  'MANIFEST_UPLOAD.TOO_MANY_ROWS': text(
    'the file holds too many bills of lading: split it; nothing was stored',
    '文件中的提单过多，请拆分后上传；未保存任何内容',
  ),
  'MANIFEST_UPLOAD.UNREADABLE': text('the file could not be read in full', '无法完整读取该文件'),
  'MANIFEST_UPLOAD.UNSUPPORTED_MEDIA_TYPE': text(
    'send the manifest as CSV or JSON lines in UTF-8, without content encoding',
    '请以 UTF-8 编码的 CSV 或 JSON Lines 格式发送舱单，且不要压缩',
  ),
  'DISCHARGE.CONCURRENT_CHANGE': text(
    'the shipment kept changing under concurrent discharges; send the discharge again',
    '并发卸船导致该货物数据不断变化，请重新发送卸船信息',
  ),
  'GATE.IN_REFUSED': text('gate-in refused; every reason is listed', '拒绝进闸，所有原因均已列出'),
  'GATE.OUT_REFUSED': text('gate-out refused; every reason is listed', '拒绝出闸，所有原因均已列出'),
  'HOLD.NOT_FOUND': text('customs hold {id} not found', '海关扣留 {id} 不存在'),
  'HOLD.NOT_ACTIVE': text('customs hold {id} was lifted already', '海关扣留 {id} 已解除'),
  'SHIPMENT.NOT_FOUND': text('shipment {id} not found', '货物 {id} 不存在'),
  'FEED.TOO_MANY_STREAMS': text(
    'the party already has the most open event streams allowed; close one or try again later',
    '该方打开的事件流已达上限，请关闭一个或稍后重试',
  ),
  'FEED.TYPE_NOT_IN_SCOPE': text(
    'your role does not receive these event types',
    '您的角色无权接收这些事件类型',
  ),
  'SUBSCRIPTION.NOT_FOUND': text('subscription {id} not found', '订阅 {id} 不存在'),
  'SUBSCRIPTION.INACTIVE': text('subscription {id} is deactivated', '订阅 {id} 已停用'),
  'SUBSCRIPTION.LIMIT_REACHED': text(
    'the party already has the most active subscriptions allowed; delete one first',
    '该方的有效订阅已达上限，请先删除一个',
  ),
  'SUBSCRIPTION.URL_NOT_ALLOWED': text(
    'webhooks go to public internet addresses only',
    'Webhook 只能发送到公网地址',
  ),
  'DELIVERY.NOT_FOUND': text('delivery {id} not found', '推送记录 {id} 不存在'),
  'DELIVERY.NOT_DEAD': text('only a dead delivery can be retried', '只有投递失败的推送才能重试'),
  'EXPORT_GATE.IN_REFUSED': text(
    'export gate-in refused; every reason is listed',
    '出口集装箱拒绝进闸，所有原因均已列出',
  ),
  'EXPORT SHIPMENT.NOT_FOUND': text('export shipment {id} not found', '出口货物 {id} 不存在'),
  'LOADING LIST OF VESSEL CALL.NOT_FOUND': text(
    'the loading list of vessel call {id} not found',
    '船舶航次 {id} 的装船清单不存在',
  ),
  'LOADING_LIST.ALREADY_FILED': text(
    'the loading list of the vessel call is filed already',
    '该船舶航次的装船清单已申报',
  ),
  'LOADING_LIST.MISSING': text(
    'the vessel call has no loading list: file it before the departure',
    '该船舶航次没有装船清单：请在离港前申报',
  ),
  'LOADING_LIST.ALREADY_DEPARTED': text('the vessel call has departed already', '该船舶航次已离港'),
};
