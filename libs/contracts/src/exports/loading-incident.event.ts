import { IsIn, IsString, Length, Matches } from 'class-validator';
import { CONTAINER_NUMBER_PATTERN, ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const LOADING_INCIDENT_KINDS = ['not-released-for-loading', 'not-gated-in'] as const;
export type LoadingIncidentKind = (typeof LOADING_INCIDENT_KINDS)[number];

export class LoadingIncidentPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) vesselCallId: string;
  @Matches(CONTAINER_NUMBER_PATTERN) containerNumber: string;
  @IsIn(LOADING_INCIDENT_KINDS) kind: LoadingIncidentKind;
  @IsString() @Length(1, 500) reason: string;
}

export const LoadingIncident = defineEvent({
  type: 'tongguan.port.LoadingIncident.v1',
  topic: Topics.port,
  source: 'port-exchange',
  payload: LoadingIncidentPayload,
  description:
    "A vessel's loading list names a container customs has not released for loading: an incident for customs and operations.",
});
