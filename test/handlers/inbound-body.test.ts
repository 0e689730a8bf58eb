/**
 * The inbound queue's body: SNS's envelope around an SES receipt notification, or the notification
 * itself (raw delivery). Our own envelope schema replaced Powertools parser's; it must take what
 * SNS delivers and refuse what is not a notification, with the reason.
 */
import { InvalidRecord, parseInboundBody } from '#lambdas/schemas.ts';
import { notification, snsEnvelope } from '../support/inbound.ts';

describe('inbound body', () => {
  it('reads the notification inside an SNS envelope and a raw one alike', () => {
    // Prepare
    const n = notification({ messageId: 'kiriman-77' });

    // Act
    const enveloped = parseInboundBody(snsEnvelope(n));
    const raw = parseInboundBody(JSON.stringify(n));

    // Assess
    expect(enveloped.mail.messageId).toBe('kiriman-77');
    expect(raw).toEqual(enveloped);
  });

  it('refuses an envelope that is not an SNS notification, or whose message is not JSON', () => {
    // Prepare
    const envelope = JSON.parse(snsEnvelope(notification())) as Record<string, unknown>;
    const subscription = JSON.stringify({ ...envelope, Type: 'SubscriptionConfirmation' });
    const noTime = JSON.stringify({ ...envelope, Timestamp: 'yesterday' });
    const notJson = JSON.stringify({ ...envelope, Message: 'halo' });

    // Act, Assess
    for (const body of [subscription, noTime, notJson, 'not json at all', '{}'])
      expect(() => parseInboundBody(body)).toThrow(InvalidRecord);
    expect(() => parseInboundBody(notJson)).toThrow(/not an SES receipt notification/);
  });

  it('refuses a notification whose mail has no S3 object to read', () => {
    // Prepare
    const n = notification();
    n.receipt.action = { type: 'S3', bucketName: 'mail', objectKey: '' };

    // Act, Assess
    expect(() => parseInboundBody(snsEnvelope(n))).toThrow(InvalidRecord);
  });
});
