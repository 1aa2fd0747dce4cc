import type { OfficialRole } from '@kaowei/shared';
import type { ApiClient } from './apiClient';
import { signedInOfficial as signIn } from './adminSession';
import type { TestServer } from './testApp';

/** An official of the given scope, signed in: an ApiClient carrying their access token. */
export async function signedInOfficial(
  server: TestServer,
  role: OfficialRole,
  scope: { cityId?: number; countyId?: number } = {},
): Promise<ApiClient & { officialId: number; username: string }> {
  const { api, id, username } = await signIn(server, role, scope);
  return Object.assign(api, { officialId: id, username });
}
