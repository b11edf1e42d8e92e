import type { LocalizedText } from '../locale';
import { text } from './text';

/**
 * The domain's own field problems (rules and validators in the apps), by code. Their English stays as
 * written where the problem arises, with its details; Chinese says what the code means.
 */
export const FIELD_MESSAGES: Record<string, LocalizedText> = {
  NOT_AN_OBJECT: text('{path} must be a JSON object', '{path} 必须是 JSON 对象'),
  MALFORMED_JSON: text('not valid JSON', '不是有效的 JSON'),
  ARRAY_SIZE: text('{path} has too few or too many entries', '{path} 的项数不符合要求'),
  DUPLICATE_BL: text('another declaration holds this bill of lading', '该提单已有另一份报关单'),
  HS_CODE_UNKNOWN: text('{path} is not a commodity code of the tariff', '{path} 不是税则中的商品编号'),
  TRADE_MODE_UNKNOWN: text('{path} is not a trade mode of the code list', '{path} 不是代码表中的贸易方式'),
  COUNTRY_UNKNOWN: text('{path} is not an ISO 3166 country', '{path} 不是 ISO 3166 国家代码'),
  CURRENCY_UNKNOWN: text('{path} is not an ISO 4217 currency', '{path} 不是 ISO 4217 币种代码'),
  CURRENCY_NO_RATE: text('no customs exchange rate for the currency on that day', '该币种在当日没有海关汇率'),
  UNIT_MISMATCH: text('{path}: the unit is not the tariff line’s unit', '{path}：计量单位与税则规定不符'),
  TARIFF_NO_RATE: text(
    '{path}: no tariff rate in force on the day of lodgement',
    '{path}：申报之日没有适用的税率',
  ),
  CHARGE_IN_PRICE: text(
    '{path}: the Incoterm’s price already includes this cost',
    '{path}：该成交方式的价格已包含此项费用',
  ),
  CHARGE_NOT_IN_PRICE: text(
    '{path}: the Incoterm’s price holds no such cost after loading, nothing to deduct',
    '{path}：该成交方式的价格不含装载后的此项费用，无需扣除',
  ),
  CHARGES_EXCEED_PRICE: text(
    '{path}: the freight and insurance declared are not less than the price',
    '{path}：申报的运费和保险费不低于货价',
  ),
  CHARGE_AMBIGUOUS: text(
    '{path}: give an amount or a rate, not both',
    '{path}：请填报总价或费率，不能同时填报',
  ),
  CHARGE_INCOMPLETE: text(
    '{path}: give an amount with its currency, or a rate',
    '{path}：请填报总价及币制，或填报费率',
  ),
  AMOUNT_PRECISION: text(
    '{path}: more decimals than the currency’s minor units',
    '{path}：小数位数超过该币制的辅币位数',
  ),
  WEIGHT_INCONSISTENT: text('{path}: the weights do not add up', '{path}：重量数据不一致'),
  // the declaration's data set (apps/declaration data-set-rules, line-requirements)
  PARTY_ID_MISSING: text(
    '{path}: a party in China is named by its unified social credit code',
    '{path}：境内单位须填报统一社会信用代码',
  ),
  GOODS_LOCATION_PORT: text(
    '{path}: the location of goods is at neither port of the declaration',
    '{path}：货物存放地点不在本报关单的装货港或卸货港',
  ),
  CONTAINER_DUPLICATE: text('{path}: the container is declared twice', '{path}：集装箱重复申报'),
  CONTAINER_ITEM_UNKNOWN: text('{path}: the declaration has no such item', '{path}：报关单中没有该商品项'),
  ITEM_NOT_IN_CONTAINER: text(
    '{path} is in none of the declared containers',
    '{path} 未关联任何申报的集装箱',
  ),
  PACKAGES_INCONSISTENT: text(
    '{path}: the items’ packages do not add up to it',
    '{path}：各商品项件数之和与总件数不符',
  ),
  PREFERENCE_ORIGIN_MISMATCH: text(
    '{path}: the agreement does not cover goods of this origin',
    '{path}：该优惠贸易协定不适用于此原产国',
  ),
  PREFERENCE_CERTIFICATE_MISSING: text(
    '{path}: a preference claimed needs the certificate of origin (document Y)',
    '{path}：享受协定税率须随附原产地证明（单证代码 Y）',
  ),
  PREFERENCE_NO_RATE: text(
    '{path}: the tariff has no rate of the agreement for this line on that day',
    '{path}：该商品当日没有此优惠贸易协定的协定税率',
  ),
  DUTY_REGIME_APPROVAL_MISSING: text(
    '{path}: the duty regime needs its certificate of duty reduction or exemption (document Z)',
    '{path}：该征免方式须随附征免税证明（单证代码 Z）',
  ),
  LEGAL_UNIT_MISMATCH: text('{path}: not the commodity’s legal unit', '{path}：不是该商品的法定计量单位'),
  LEGAL_QUANTITY_WEIGHT: text(
    '{path}: a quantity in kilograms must equal the net weight',
    '{path}：以千克计的法定数量须与净重一致',
  ),
  SECOND_LEGAL_QUANTITY_MISSING: text(
    '{path}: the commodity has a second legal unit',
    '{path}：该商品有法定第二计量单位，须填报',
  ),
  SECOND_LEGAL_QUANTITY_NOT_TAKEN: text(
    '{path}: the commodity has no second legal unit',
    '{path}：该商品没有法定第二计量单位',
  ),
  DOCUMENT_MISSING: text(
    '{path}: a licence or certificate the commodity requires is missing',
    '{path}：缺少该商品须提交的监管证件',
  ),
  BL_CHANGED: text('an amendment cannot change the bill of lading', '修改时不能更改提单号'),
  BL_NOT_MANIFESTED: text('the bill of lading is not manifested', '该提单尚未列入舱单'),
  NOT_CONSIGNEE: text('only the consignee may do this', '只有收货人才能执行此操作'),
  SELF_DELEGATION: text('a party cannot delegate to itself', '不能委托给自己'),
  VALIDITY_REVERSED: text('validFrom must be before validTo', '有效期起始日须早于截止日'),
  UNKNOWN_ITEM: text('{path} is not an item of the notice', '{path} 不是通知中的项目'),
  DUPLICATE_ANSWER: text('{path} answers an item twice', '{path} 重复答复了同一项'),
  MISSING_ANSWER: text('an item of the notice has no answer', '通知中有项目未答复'),
  ALREADY_MANIFESTED: text('the bill of lading is already manifested', '该提单已列入舱单'),
  ALREADY_DISCHARGED: text('the bill of lading is already discharged', '该提单货物已卸船'),
  DUPLICATE_IN_MANIFEST: text('the bill of lading appears twice in the manifest', '该提单在舱单中出现两次'),
  DUPLICATE_CONTAINER: text('the container is listed twice', '该集装箱重复列出'),
  CONTAINER_NUMBER_FORMAT: text('{path} is not a container number', '{path} 不是集装箱号'),
  CONTAINER_CHECK_DIGIT: text('{path}: the check digit is wrong', '{path}：集装箱号校验位错误'),
  CONTAINER_CATEGORY: text('{path}: not a freight container', '{path}：不是货运集装箱'),
  GROSS_WEIGHT_EXCEEDS_CONTAINERS: text(
    'the gross weight does not fit in the containers',
    '毛重超出集装箱的承载能力',
  ),
  DUPLICATE_IN_FILE: text(
    'the bill of lading is already on another row of the file',
    '该提单已在文件的另一行中',
  ),
  CSV_FIELD_COUNT: text('the row has a different number of fields than the header', '该行的字段数与表头不符'),
  CSV_UNTERMINATED_QUOTE: text('a quoted field is never closed', '带引号的字段没有结束引号'),
  CSV_TEXT_AFTER_QUOTE: text(
    'text after the closing quote: quote the whole field',
    '结束引号后还有文字，请将整个字段加引号',
  ),
  CSV_STRAY_QUOTE: text('a field holds a quote but is not quoted', '字段中含有引号但未加引号'),
  UNKNOWN_COLUMN: text('the column is not one the manifest knows', '舱单中没有该列'),
  DUPLICATE_COLUMN: text('the column appears twice', '该列出现两次'),
  MISSING_COLUMN: text('the header lacks a column', '表头缺少一列'),
  EMPTY_UPLOAD: text('the file holds no bill of lading', '文件中没有提单'),
  ATA_IN_FUTURE: text('the actual time of arrival is in the future', '实际抵港时间晚于当前时间'),
  ATA_AFTER_DISCHARGE: text(
    'the ATA is after the first discharge of the call',
    '实际抵港时间晚于该航次的首次卸船',
  ),
  NOT_MANIFESTED: text('bill of lading not manifested at this port', '该提单未在本港列入舱单'),
  NOT_DISCHARGED: text('cargo not discharged', '货物尚未卸船'),
  ALREADY_LEFT: text('cargo already left the terminal', '货物已离开码头'),
  NOT_RELEASED: text('customs has not released the cargo', '海关尚未放行该货物'),
  CUSTOMS_HOLD: text('the cargo is under a customs hold', '货物处于海关扣留状态'),
  NO_PICKUP_BOOKING: text('no pickup is booked for the cargo', '该货物没有提货预约'),
  TRUCK_NOT_BOOKED: text('the truck is not the booked one', '车辆与预约不符'),
  OUTSIDE_PICKUP_SLOT: text('the truck is outside its pickup hour', '车辆不在预约的提货时段内'),
  GATE_IN_REFUSED: text('gate-in refused', '拒绝进闸'),
  TYPE_NOT_IN_SCOPE: text('{path} is not in the feed of your role', '{path} 不在您角色可接收的范围内'),
  ADDRESS_NOT_ALLOWED: text('the address is not a public internet address', '该地址不是公网地址'),
  ORDER_EXISTS: text('cancel the live order before ordering again', '请先取消现有订单再重新下单'),
  TERMINAL_UNKNOWN: text('{path} names no pickup terminal', '{path} 不是提货码头'),
  SLOT_FULL: text('the hour is fully booked', '该时段已约满'),
  WINDOW_INVALID: text('from must be before to', '起始时间须早于截止时间'),
  WINDOW_TOO_WIDE: text('the window is too wide', '时间窗口过大'),
  WINDOW_TOO_LARGE: text('the window holds too much: narrow it', '时间窗口内数据过多，请缩小范围'),
  TOO_MANY_BUCKETS: text(
    'too many buckets: widen them or narrow the window',
    '分组过多，请加大分组宽度或缩小窗口',
  ),
  CURSOR_INVALID: text('{path} is not a cursor of a previous page', '{path} 不是上一页返回的游标'),
  AGENCY_UNKNOWN: text('{path} names no agency of the registry', '{path} 不是登记表中的机构'),
  STEP_UNKNOWN: text('{path} names no step of the registry', '{path} 不是登记表中的环节'),
  CONCURRENT_CHANGE: text('the record kept changing; send the request again', '数据不断变化，请重新发送请求'),
  EXPORT_GATE_IN_REFUSED: text('export gate-in refused', '出口集装箱拒绝进闸'),
  EXPORTER_MISMATCH: text('an exporter lodges its own exports only', '出口商只能申报本企业的出口货物'),
  EXPORTER_REQUIRED: text('a broker names the exporter it declares for', '报关企业须注明委托的出口商'),
  NOT_AUTHORISED: text('the trader has not authorised this broker', '该企业未委托此报关企业'),
  EXPORTER_IMPORTS: text('an exporter lodges export declarations only', '出口商只能申报出口报关单'),
  EXPORTER_ON_IMPORT: text('{path} belongs to export declarations only', '{path} 仅用于出口报关单'),
  PORT_OF_LOADING_NOT_CN: text(
    '{path}: exports are loaded at a Chinese port',
    '{path}：出口货物须在中国口岸装运',
  ),
  DIRECTION_CHANGED: text('an amendment cannot change the direction', '修改时不能更改进出口类型'),
};
