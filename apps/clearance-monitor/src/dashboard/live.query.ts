import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class LiveQuery {
  @ApiPropertyOptional({
    description: 'Bearer token (role ops); EventSource cannot send headers. Never logged.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 4096)
  // a JWT is base64url parts joined by dots; anything else is refused before it could make a URL
  // longer than the HTTP server takes (431 without a body)
  @Matches(/^[A-Za-z0-9._-]+$/, {
    message: 'token must be a JWT: letters, digits, dots, dashes, underscores',
  })
  token?: string;
}
