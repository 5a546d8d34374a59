import type { Config } from '../config';
import { emailChannel, webhookChannel, type Channel } from './channels';

/** The channels configured for this deployment (in-app is always on: it is the database). */
export function channelsFromConfig(config: Config): Channel[] {
  const channels: Channel[] = [];
  if (config.SMTP_URL) channels.push(emailChannel(config.SMTP_URL, config.MAIL_FROM));
  if (config.WEBHOOK_URL && config.WEBHOOK_SECRET)
    channels.push(webhookChannel(config.WEBHOOK_URL, config.WEBHOOK_SECRET));
  return channels;
}
