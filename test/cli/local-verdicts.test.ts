/** The local receiver's X-Local-SES-Verdicts header: read, then taken out of the mail before storage. */
import { LOCAL_VERDICTS_HEADER, parseLocalVerdicts, takeLocalVerdicts } from '#local/local-verdicts.ts';

const mail = (...head: string[]) =>
  Buffer.from(
    [...head, 'From: a@surel.example', 'Subject: uji', '', 'X-Local-SES-Verdicts: di badan surat'].join('\r\n'),
  );

describe('the local SES verdicts header', () => {
  it('chooses the verdicts named, folded or not, and leaves the mail as it was without it', () => {
    // Prepare
    const raw = mail(`${LOCAL_VERDICTS_HEADER}: spf=FAIL, dkim=fail,`, '\tdmarc=FAIL');
    // Act
    const taken = takeLocalVerdicts(raw);
    // Assess
    expect(taken.verdicts).toEqual({ spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' });
    expect(taken.raw.toString()).toBe(mail().toString());
  });

  it('leaves a mail without the header untouched, and a line in the body is not the header', () => {
    const raw = mail();
    expect(takeLocalVerdicts(raw)).toEqual({ raw });
  });

  it('refuses an unknown verdict or status, naming it', () => {
    expect(() => parseLocalVerdicts('dmarc=BROKEN')).toThrow(/unknown status "BROKEN"/);
    expect(() => parseLocalVerdicts('arc=FAIL')).toThrow(/unknown verdict "arc"/);
  });
});
