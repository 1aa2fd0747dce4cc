import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { describeDatabase, warmPool } from './db/database';
import type { Db } from './db/models';
import { openDatabase } from './db/openDatabase';
import { seedOnFirstRun } from './demo/seedOnFirstRun';
import { resolveIntegrations, simulatorOptionsFor } from './integrations';
import { createLogger } from './logger';
import { systemActor } from './kernel/actor';
import { startPhotoCleanup } from './modules/accounts/registration/photoCleanup';
import { startDraftCleanup } from './modules/applications/draftCleanup';
import { startNotificationWorker } from './modules/notifications/deliveryWorker';
import { startReleaseScheduler } from './modules/booking/releaseScheduler';
import { startWaitlistScheduler } from './modules/waitlist/waitlistScheduler';
import { startImportWorker } from './modules/records/enrolledImport/importWorker';
import { startAssignmentWorker } from './modules/admission/assignment/assignmentWorker';
import { startCaptchaSweeper } from './modules/accounts/captchaSweeper';
import { closeAndRelease } from './modules/payment/closeAndRelease';
import { runDueReconciliation } from './modules/payment/reconcileScheduler';
import { settlePayments } from './modules/payment/settlePayments';
import { resolveSecrets } from './secrets';
import { captchaHookFor } from './simulator/captchaHook';
import { startSimulator } from './simulator/startSimulator';
import { startTicketPdfPruning } from './modules/admission/ticket/pruneTicketPdfs';
import { timedJob } from './metrics/jobs';

/**
 * Process start-up: configuration, database, demo data on first run, HTTP, graceful shutdown. The same
 * start-up runs one process (`npm start`) or each worker of `npm run start:cluster`, whose primary has
 * migrated, seeded and started the development simulator before forking (cluster/startCluster.ts).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const secrets = resolveSecrets(config);
  const logger = createLogger({ level: config.logLevel, pretty: config.env === 'development' && process.stdout.isTTY });
  const db = await openDatabase(config, logger, { migrate: !cluster.isWorker });
  const seeded = cluster.isWorker ? null : await seedOnFirstRun(config, db, secrets, logger);
  if (seeded) console.log(seeded);

  const simulatorOptions = await simulatorOptionsFor(config);
  const simulator = simulatorOptions ? await startSimulator(simulatorOptions, config.integrations.simulatorPort) : null;
  const integrations = resolveIntegrations(config, simulator && { options: simulatorOptions!, host: simulator.host });
  const app = createApp({
    config,
    db,
    logger,
    secrets,
    integrations,
    onCaptchaIssued: captchaHookFor(simulator, config.integrations.simulatorUrl),
  });
  await warmPool(db.sequelize, config.database);
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = `http://localhost:${port}`;
  // Development: WeChat Pay (the simulator) notifies this very server.
  app.services.wechatPay.config.notifyUrl ||= `http://127.0.0.1:${port}/api/payments/notify`;
  logger.info({ port, database: describeDatabase(config.database), worker: cluster.worker?.id }, 'kaowei listening');
  // In a cluster the first worker speaks for all of them.
  if (!cluster.isWorker || cluster.worker!.id === 1)
    console.log(
      [
        `Kaowei 考位 is running (${config.env}, ${describeDatabase(config.database)})`,
        `  API        ${base}/api`,
        `  health     ${base}/api/health`,
        `  readiness  ${base}/api/ready`,
        ...(config.metricsToken || config.env !== 'production'
          ? [
              `  metrics    ${base}/metrics (Prometheus; ${config.metricsToken ? 'Bearer METRICS_TOKEN' : 'this machine only'})`,
            ]
          : []),
        `  API docs   ${base}/api/openapi.json`,
        ...(existsSync(path.join(config.webApps.h5Dir, 'index.html')) ? [`  H5 app     ${base}/ (考生端)`] : []),
        ...(existsSync(path.join(config.webApps.adminDir, 'index.html'))
          ? [`  admin      ${base}/admin (考办管理后台)`]
          : []),
        ...(simulator
          ? [
              `  simulator  http://${simulator.host} (WeChat, WeChat Pay and SMS stand-in; SMS inbox /sim/sms/inbox, pay by scanning /sim/pay/scan-page?outTradeNo=…)`,
            ]
          : []),
        ...(config.integrations.simulatorUrl ? [`  simulator  ${config.integrations.simulatorUrl} (standalone)`] : []),
      ].join('\n'),
    );
  const stopReleases = startReleaseScheduler(db, logger, (periodId, heldBefore) =>
    closeAndRelease(app.services, { periodId, heldBefore, actor: systemActor }),
  );
  const stopWaitlist = startWaitlistScheduler(db, logger);
  const stopCaptchaSweeper = startCaptchaSweeper(app.services.captchas, logger);
  const stopImports = startImportWorker(app.services);
  const stopAssignments = startAssignmentWorker(app.services);
  const stopPhotoCleanup = startPhotoCleanup(app.services);
  const stopDraftCleanup = startDraftCleanup(app.services);
  const stopTicketPdfPruning = startTicketPdfPruning(app.services);
  const stopNotifications = startNotificationWorker(app.services);
  const settle = setInterval(
    () =>
      void timedJob('settle_payments', () => settlePayments(app.services))
        .then(() => timedJob('reconcile', () => runDueReconciliation(app.services)))
        .catch((error: unknown) => logger.error({ err: error }, 'payment settlement failed')),
    60_000,
  ).unref();
  handleShutdown(
    server,
    db,
    (message) => logger.info(message),
    async () => {
      stopReleases();
      stopWaitlist();
      stopCaptchaSweeper();
      stopImports();
      stopAssignments();
      stopPhotoCleanup();
      stopDraftCleanup();
      stopTicketPdfPruning();
      stopNotifications();
      clearInterval(settle);
      await app.services.smsCodes.settled();
      await simulator?.close();
    },
  );
}

function handleShutdown(
  server: Server,
  db: Db,
  log: (message: string) => void,
  beforeClose: () => Promise<void>,
): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing open requests, then stopping`);
    const force = setTimeout(() => server.closeAllConnections(), 10_000).unref();
    server.close(async () => {
      clearTimeout(force);
      await beforeClose();
      await db.sequelize.close();
      log('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`kaowei: ${error.message}`);
  } else {
    console.error('kaowei: start-up failed:', error);
  }
  process.exit(1);
});
