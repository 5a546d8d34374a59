/**
 * Files the API sends (official documents, evidence): the Content-Disposition of a Vietnamese file name, the headers
 * every download carries, the OpenAPI schema of a binary answer, and the document kind and format named in a path.
 */
import type { Response } from 'express';
import { z } from 'zod';
import type { DocumentFormat } from '../documents';
import { HttpError } from './errors';

/** A binary answer in the OpenAPI document. */
export const binary = () => z.string().openapi({ type: 'string', format: 'binary' });

/** The formats a document is rendered in. */
export const DOCUMENT_FORMATS = ['docx', 'pdf'] as const satisfies readonly DocumentFormat[];

/** RFC 6266 / RFC 8187 (5987): a plain ASCII name for old clients and the exact UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const utf8 = encodeURIComponent(filename.normalize('NFC')).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/** Sends a file as an attachment, never cached by shared caches. */
export function sendDownload(
  res: Response,
  file: { type: string; content: Uint8Array; filename: string; etag?: string },
): void {
  res.set({
    'content-type': file.type,
    'content-length': String(file.content.byteLength),
    'content-disposition': contentDisposition(file.filename),
    ...(file.etag ? { etag: file.etag } : {}),
    'cache-control': 'private, no-store',
  });
  res.end(Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength));
}

/**
 * The document kind and format a download path names (`…/{kind}.{format}`); a name that is not one of them is 404,
 * not 400: the path names no resource.
 */
export function documentInPath<S extends Record<string, string>>(
  slugs: S,
  slug: string,
  format: string,
): { kind: S[keyof S]; format: DocumentFormat } {
  if (!Object.hasOwn(slugs, slug))
    throw new HttpError(404, 'NOT_FOUND', `no document "${slug}" (one of ${Object.keys(slugs).join(', ')})`);
  if (!(DOCUMENT_FORMATS as readonly string[]).includes(format))
    throw new HttpError(404, 'NOT_FOUND', `no format "${format}" (docx or pdf)`);
  return { kind: slugs[slug as keyof S], format: format as DocumentFormat };
}
