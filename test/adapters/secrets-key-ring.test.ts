/** The key ring over Secrets Manager (Powertools Parameters): read once per cold start, retried after a failure. */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { SecretsKeyRing } from '#adapters/secrets-key-ring.ts';

const KEY = 'k'.repeat(64);

describe('SecretsKeyRing', () => {
  it('reads a purpose’s secret once, however often the key is asked for', async () => {
    const client = new SecretsManagerClient({ region: 'ap-southeast-1' });
    const sm = mockClient(client).on(GetSecretValueCommand).resolves({ SecretString: KEY });
    const ring = new SecretsKeyRing(client, { nik: 'arn:aws:secretsmanager:ap-southeast-1:1:secret:nik' });
    await Promise.all([ring.key('nik'), ring.key('nik')]);
    expect(new TextDecoder().decode(await ring.key('nik'))).toBe(KEY);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('tries again after a failed read, and refuses a purpose with no secret or a short one', async () => {
    const client = new SecretsManagerClient({ region: 'ap-southeast-1' });
    const sm = mockClient(client);
    sm.on(GetSecretValueCommand).rejectsOnce(new Error('throttled')).resolves({ SecretString: KEY });
    const ring = new SecretsKeyRing(client, { nik: 'nik', survey: 'survey' });
    await expect(ring.key('nik')).rejects.toThrow('throttled');
    await expect(ring.key('nik')).resolves.toHaveLength(64);
    await expect(new SecretsKeyRing(client, {}).key('nik')).rejects.toThrow(/no secret is configured/);
    sm.on(GetSecretValueCommand, { SecretId: 'survey' }).resolves({ SecretString: 'short' });
    await expect(ring.key('survey')).rejects.toThrow(/not a usable key/);
  });
});
