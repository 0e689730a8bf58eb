/** MailStore over S3: the raw MIME SES's S3 action wrote. */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { MailMissing, type MailStore } from '#ports';

export class S3MailStore implements MailStore {
  constructor(private readonly s3: S3Client) {}

  async getRaw(bucket: string, key: string): Promise<Uint8Array> {
    const r = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })).catch((err: Error) => {
      // SES stores a mail before announcing it: one that is not there was removed (or never ours).
      if (err.name === 'NoSuchKey' || err.name === 'NoSuchBucket')
        throw new MailMissing(`s3://${bucket}/${key} does not exist`);
      throw err;
    });
    if (!r.Body) throw new Error(`s3://${bucket}/${key} has no body`);
    return r.Body.transformToByteArray();
  }
}
