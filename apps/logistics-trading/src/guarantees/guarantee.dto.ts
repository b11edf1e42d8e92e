import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { GUARANTEE_NUMBER } from './guarantee-registry';

export class GuaranteeNumberParam {
  @ApiProperty({ example: 'BG-ICBC-SZ-2026-0001' })
  @Matches(GUARANTEE_NUMBER, { message: 'guaranteeNumber must be 1-64 letters, digits, . _ -' })
  guaranteeNumber: string;
}

export class GuaranteeDrawView {
  @ApiProperty({ format: 'uuid' }) paymentId: string;
  @ApiProperty({ example: 'RCT-20260310-4F2A9C01D3' }) receiptNumber: string;
  @ApiProperty({ description: 'integer minor units (fen)' }) amountMinor: number;
  @ApiProperty() drawnAt: Date;
}

export class GuaranteeView {
  @ApiProperty({ example: 'BG-ICBC-SZ-2026-0001' }) guaranteeNumber: string;
  @ApiProperty({ example: 'TRADER-7' }) traderId: string;
  @ApiProperty({ example: 'AEO-CN-4403-0001' }) aeoCertificate: string;
  @ApiProperty({ example: 'Industrial and Commercial Bank of China, Shenzhen Branch' }) bank: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ description: 'integer minor units (fen)' }) limitMinor: number;
  @ApiProperty({ description: 'drawn by settlements so far (fen)' }) drawnMinor: number;
  @ApiProperty({ description: 'limitMinor − drawnMinor (fen)' }) remainingMinor: number;
  @ApiProperty({ example: '2026-12-31T23:59:59+08:00' }) validUntil: string;
  @ApiProperty({ type: [GuaranteeDrawView] }) draws: GuaranteeDrawView[];
}
