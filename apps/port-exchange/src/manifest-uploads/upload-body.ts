import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@tongguan/platform';
import type { Request } from 'express';
import { text } from 'express';

/** 20 MiB holds some 100,000 B/Ls; anything larger is refused, unread if its length is announced (413). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const UPLOAD_MEDIA_TYPES = ['text/csv', 'application/x-ndjson', 'application/jsonl'];

const parseText = text({ type: () => true, limit: MAX_UPLOAD_BYTES, defaultCharset: 'utf-8' });

/**
 * Reads a manifest file. The platform parses only JSON bodies of up to 1 MB, and manifest files are
 * text and far larger; reading them here, in the handler, means the guards have already turned away
 * callers without the port role before 20 MiB are buffered. Parser failures get our error shape.
 */
export function readUploadText(request: Request): Promise<string> {
  return new Promise((resolve, reject) => {
    parseText(request, request.res!, (error?: unknown) => {
      if (!error) return resolve(typeof request.body === 'string' ? request.body : '');
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') {
        return reject(
          new DomainError(
            'MANIFEST_UPLOAD.TOO_LARGE',
            `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB: split it`,
            HttpStatus.PAYLOAD_TOO_LARGE,
          ),
        );
      }
      if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
        return reject(
          new DomainError(
            'MANIFEST_UPLOAD.UNSUPPORTED_MEDIA_TYPE',
            'send the file as UTF-8 text without content encoding',
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          ),
        );
      }
      return reject(
        new DomainError(
          'MANIFEST_UPLOAD.UNREADABLE',
          'the file could not be read in full',
          HttpStatus.BAD_REQUEST,
        ),
      );
    });
  });
}
