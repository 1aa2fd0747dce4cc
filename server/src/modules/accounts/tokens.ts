import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { AppError } from '../../http/errors';

/**
 * Every token kind has its own audience and its own key (derived from JWT_SECRET), and verification
 * pins HS256: a candidate token can never pass as an official's, nor a refresh token as an access token.
 */
export type TokenKind =
  | 'candidate-access'
  | 'candidate-refresh'
  | 'official-access'
  | 'official-refresh'
  /** A ticket picked from the ticket look-up, for logging in without typing its number. */
  | 'ticket-choice'
  /** A WeChat openid waiting to be linked by the next password login. */
  | 'wechat-link'
  /** A new candidate's access to their registration application. */
  | 'registration'
  /**
   * The QR code of a printed admission ticket (准考证): `sub` is "candidateId:periodId", checked at the door;
   * `ver` is the ticket's reissue version (补发), so a superseded ticket no longer verifies.
   */
  | 'ticket-verify';

const LIFETIME_SECONDS: Record<TokenKind, number> = {
  'candidate-access': 30 * 60,
  'candidate-refresh': 7 * 24 * 3600,
  'official-access': 30 * 60,
  'official-refresh': 12 * 3600,
  'ticket-choice': 10 * 60,
  'wechat-link': 10 * 60,
  registration: 30 * 24 * 3600,
  'ticket-verify': 400 * 24 * 3600,
};

const ISSUER = 'kaowei';

export interface TokenClaims {
  sub: string;
  /** Token version of the account: bumping it revokes every token issued before. */
  ver?: number;
  /** The ticket a candidate session books under. */
  tk?: number;
}

export class TokenService {
  /**
   * Made once as KeyObjects: given a raw Buffer, jsonwebtoken first tries `createPublicKey` on it
   * (and fails) on every call, which costs most of a verification.
   */
  private readonly keys: Record<TokenKind, KeyObject>;

  constructor(secret: string) {
    const entries = (Object.keys(LIFETIME_SECONDS) as TokenKind[]).map((kind) => [
      kind,
      createSecretKey(createHmac('sha256', secret).update(`kaowei-token:${kind}`).digest()),
    ]);
    this.keys = Object.fromEntries(entries) as Record<TokenKind, KeyObject>;
  }

  lifetime(kind: TokenKind): number {
    return LIFETIME_SECONDS[kind];
  }

  sign(kind: TokenKind, claims: TokenClaims): string {
    const { sub, ...rest } = claims;
    return jwt.sign(rest, this.keys[kind], {
      algorithm: 'HS256',
      audience: kind,
      issuer: ISSUER,
      subject: sub,
      expiresIn: LIFETIME_SECONDS[kind],
    });
  }

  /** Throws UNAUTHENTICATED / TOKEN_EXPIRED; never returns claims of another kind. */
  verify(kind: TokenKind, token: string): TokenClaims {
    try {
      const payload = jwt.verify(token, this.keys[kind], {
        algorithms: ['HS256'],
        audience: kind,
        issuer: ISSUER,
      }) as JwtPayload;
      if (typeof payload.sub !== 'string') throw new AppError('UNAUTHENTICATED');
      return { sub: payload.sub, ver: payload.ver as number | undefined, tk: payload.tk as number | undefined };
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw new AppError('TOKEN_EXPIRED');
      throw new AppError('UNAUTHENTICATED');
    }
  }
}
