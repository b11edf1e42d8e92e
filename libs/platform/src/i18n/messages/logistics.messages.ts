import type { LocalizedText } from '../locale';
import { text } from './text';

/** logistics-trading: payments, guarantees and the transport marketplace. */
export const LOGISTICS_MESSAGES: Record<string, LocalizedText> = {
  'PAYMENT.NOT_FOUND': text('payment {id} not found', '缴款 {id} 不存在'),
  'PAYMENT.ALREADY_SETTLED': text('the payment was already settled', '该缴款已完成'),
  'PAYMENT.BUSY': text('the payment keeps changing: try again', '该缴款数据不断变化，请重试'),
  'PAYMENT.CANCELLED': text('the declaration was withdrawn: nothing is owed', '报关单已撤回，无需缴款'),
  'PAYMENT.CHARGE_REFUSED': text('the payment gateway refused the charge', '支付网关拒绝了扣款'),
  'PAYMENT.IDEMPOTENCY_KEY_REUSED': text(
    'this idempotency key was used for a settlement by another method',
    '该幂等键已用于另一种方式的缴款',
  ),
  'PAYMENT.NOT_SETTLED': text('the settlement did not complete, try again', '缴款未完成，请重试'),
  'PAYMENT.SETTLEMENT_IN_PROGRESS': text(
    'another settlement of this payment is under way: retry with its idempotency key',
    '该缴款的另一笔结算正在进行，请使用其幂等键重试',
  ),
  'RECEIPT.NOT_FOUND': text('the payment has no receipt yet', '该缴款尚无回执'),
  'GUARANTEE.NOT_FOUND': text('guarantee {id} not found', '保函 {id} 不存在'),
  'GUARANTEE.CHANGED': text(
    "the trader's guarantee changed: settle again with a new key",
    '企业的保函已变更，请使用新的幂等键重新缴款',
  ),
  'GUARANTEE.NOT_AEO': text(
    'the trader holds no AEO certificate with a bank guarantee: settle through the payment gateway',
    '该企业没有附银行保函的 AEO 认证，请通过支付网关缴款',
  ),
  'GUARANTEE.EXPIRED': text('the guarantee has expired', '保函已过期'),
  'GUARANTEE.CURRENCY_MISMATCH': text(
    'the guarantee is in another currency than the payment',
    '保函币种与缴款币种不一致',
  ),
  'GUARANTEE.LIMIT_EXCEEDED': text(
    'the guarantee has too little left for this payment',
    '保函剩余额度不足以支付该笔缴款',
  ),
  'TRANSPORT.NOT_RELEASED': text(
    'customs has not released the cargo to you: only released cargo can be ordered out',
    '海关尚未向您放行该货物：只有已放行的货物才能下达运输订单',
  ),
  'TRANSPORT.ORDER_EXISTS': text(
    'the shipment already has an open or booked transport order',
    '该货物已有未完成或已预约的运输订单',
  ),
  'TRANSPORT.ORDER_NOT_FOUND': text('transport order {id} not found', '运输订单 {id} 不存在'),
  'TRANSPORT.ORDER_NOT_OPEN': text('the transport order is no longer open', '该运输订单已不再开放'),
  'TRANSPORT.PICKUP_HOUR_INVALID': text('the pickup hour cannot be booked', '该提货时段无法预约'),
  'TRANSPORT.PICKUP_HOUR_PASSED': text('the quoted hour is over', '报价中的时段已过'),
  'TRANSPORT.QUOTE_NOT_FOUND': text('quote {id} not found', '报价 {id} 不存在'),
  'TRANSPORT.QUOTE_NOT_OPEN': text('the quote is no longer open', '该报价已不再有效'),
  'TRANSPORT.TERMINAL_CLOSED': text('the terminal takes no pickups at that hour', '码头在该时段不办理提货'),
  'TRANSPORT.TERMINAL_UNKNOWN': text('no such pickup terminal', '没有该提货码头'),
  'TRANSPORT.BOOKING_NOT_FOUND': text('booking {id} not found', '预约 {id} 不存在'),
  SLOT_FULL: text('the terminal has no free pickup place at that hour', '码头在该时段已无空余提货名额'),
};
