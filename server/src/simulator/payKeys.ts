import { X509Certificate, generateKeyPairSync, randomBytes } from 'node:crypto';
import selfsigned from 'selfsigned';
import type { SimulatedMerchant } from './wechatPay';

export interface SimulatedPayKeys {
  merchant: SimulatedMerchant;
  /** What our side holds: the merchant private key and the platform public key. */
  merchantPrivateKey: string;
  platformPublicKey: string;
}

/** A merchant certificate and a WeChat Pay platform key pair, made up for this process. */
export async function generatePayKeys(appId: string): Promise<SimulatedPayKeys> {
  const merchantCert = await selfsigned.generate([{ name: 'commonName', value: 'Kaowei simulated merchant' }], {
    keySize: 2048,
  });
  // Platform-certificate mode: a certificate (and its key) that /v3/certificates hands out encrypted.
  const platformCert = await selfsigned.generate([{ name: 'commonName', value: 'Tenpay.com Root CA (simulated)' }], {
    keySize: 2048,
  });
  const platform = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    merchant: {
      appId,
      mchid: '1900000109',
      merchantSerialNo: new X509Certificate(merchantCert.cert).serialNumber,
      merchantCertificate: merchantCert.cert,
      apiV3Key: randomBytes(16).toString('hex'),
      platformKeyId: `PUB_KEY_ID_0119000001092026112200000000${randomBytes(2).toString('hex')}`,
      platformPrivateKey: platform.privateKey,
      platformCertificate: platformCert.cert,
      platformCertificatePrivateKey: platformCert.private,
      platformCertificateSerial: new X509Certificate(platformCert.cert).serialNumber,
    },
    merchantPrivateKey: merchantCert.private,
    platformPublicKey: platform.publicKey,
  };
}
