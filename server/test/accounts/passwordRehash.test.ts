import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/apiClient';
import { login } from '../support/accountFlows';
import { insertCandidateWithTicket, insertOfficial, OFFICIAL_PASSWORD } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

const CURRENT = /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/;
/** A hash as the library's defaults made them before (64 MiB, 3 passes, 4 lanes). */
const oldHash = (password: string) =>
  argon2.hash(password, { type: argon2.argon2id, memoryCost: 65536, timeCost: 3, parallelism: 4 });

describe('password hashes made with older parameters move on at the next login', () => {
  let server: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    api = new ApiClient(server.baseUrl);
  });
  afterAll(() => server.close());

  it("rehashes a candidate's password on login, and the password still works", async () => {
    const candidate = await insertCandidateWithTicket(server.db, 'rehash', { password: 'Kaowei2027ok' });
    await server.db.models.Candidate.update(
      { passwordHash: await oldHash('Kaowei2027ok') },
      { where: { id: candidate.candidateId } },
    );

    await login(api, candidate.ticketNo, 'Kaowei2027ok');
    const stored = (await server.db.models.Candidate.findByPk(candidate.candidateId))!.passwordHash;
    expect(stored).toMatch(CURRENT);
    await login(api, candidate.ticketNo, 'Kaowei2027ok');
    expect((await server.db.models.Candidate.findByPk(candidate.candidateId))!.passwordHash).toBe(stored);
  });

  it('leaves an old hash alone when the password was wrong', async () => {
    const candidate = await insertCandidateWithTicket(server.db, 'rehash-wrong', { password: 'Kaowei2027ok' });
    const old = await oldHash('Kaowei2027ok');
    await server.db.models.Candidate.update({ passwordHash: old }, { where: { id: candidate.candidateId } });
    expect(
      (await api.post('/api/accounts/login', { account: candidate.ticketNo, password: 'Guess2027no' })).status,
    ).toBe(401);
    expect((await server.db.models.Candidate.findByPk(candidate.candidateId))!.passwordHash).toBe(old);
  });

  it("rehashes an official's password on login, and the password still works", async () => {
    const official = await insertOfficial(server.db, 'province');
    await server.db.models.Official.update(
      { passwordHash: await oldHash(OFFICIAL_PASSWORD) },
      { where: { id: official.id } },
    );
    const signIn = () => api.post('/api/admin/login', { username: official.username, password: OFFICIAL_PASSWORD });

    expect((await signIn()).status).toBe(200);
    expect((await server.db.models.Official.findByPk(official.id))!.passwordHash).toMatch(CURRENT);
    expect((await signIn()).status).toBe(200);
  });
});
