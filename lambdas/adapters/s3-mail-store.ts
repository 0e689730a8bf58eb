/** MailStore over S3: the raw MIME SES's S3 action wrote. */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { MailMissing, type MailStore, type RawMail } from '#ports';

export class S3MailStore implements MailStore {
  constructor(private readonly s3: S3Client) {}

  async getRaw(bucket: string, key: string, maxBytes?: number): Promise<RawMail> {
    // A ranged read: S3 sends only the bytes asked for, and says the object's size in Content-Range.
    const Range = maxBytes ? `bytes=0-${maxBytes - 1}` : undefined;
    const r = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range })).catch((err: Error) => {
      // SES stores a mail before announcing it: one that is not there was removed (or never ours).
      if (err.name === 'NoSuchKey' || err.name === 'NoSuchBucket')
        throw new MailMissing(`s3://${bucket}/${key} does not exist`);
      // A range starting at 0 is unsatisfiable only for an empty object.
      if (err.name === 'InvalidRange') return null;
      throw err;
    });
    if (r === null) return { bytes: new Uint8Array(0), size: 0 };
    if (!r.Body) throw new Error(`s3://${bucket}/${key} has no body`);
    const bytes = await r.Body.transformToByteArray();
    const total = Number(/\/(\d+)$/.exec(r.ContentRange ?? '')?.[1]);
    return { bytes, size: Number.isFinite(total) ? total : bytes.length };
  }
}
