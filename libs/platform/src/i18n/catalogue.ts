import type { LocalizedText } from './locale';
import { CONSTRAINT_MESSAGES } from './messages/constraint.messages';
import { DECLARATION_MESSAGES } from './messages/declaration.messages';
import { FIELD_MESSAGES } from './messages/field.messages';
import { INSPECTION_MESSAGES } from './messages/inspection.messages';
import { LOGISTICS_MESSAGES } from './messages/logistics.messages';
import { MONITOR_MESSAGES } from './messages/monitor.messages';
import { PLATFORM_MESSAGES } from './messages/platform.messages';
import { PORT_MESSAGES } from './messages/port.messages';

/**
 * Every error code an API answers with, in every language. A new code belongs here: the catalogue spec
 * fails on a code thrown anywhere in apps/ or libs/ that is not.
 */
export const ERROR_MESSAGES: Readonly<Record<string, LocalizedText>> = {
  ...PLATFORM_MESSAGES,
  ...PORT_MESSAGES,
  ...DECLARATION_MESSAGES,
  ...INSPECTION_MESSAGES,
  ...LOGISTICS_MESSAGES,
  ...MONITOR_MESSAGES,
};

/** The codes of the problems listed in `errors[]`: class-validator's constraints and the domain's own. */
export { CONSTRAINT_MESSAGES, FIELD_MESSAGES };
