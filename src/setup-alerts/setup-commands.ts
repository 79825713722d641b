import { ALERT_SINK_FILTER } from './alert-sink-filter';

/** Names of what `setup-alerts` creates. */
export interface AlertSetupNames {
  project: string;
  topic: string;
  subscription: string;
  sink: string;
}

/** Defaults: one topic, subscription and sink per project, named for the bot. */
export function defaultSetupNames(project: string): AlertSetupNames {
  return { project, topic: 'imagestream-gcfsd', subscription: 'imagestream-gcfsd-bot', sink: 'imagestream-gcfsd' };
}

/**
 * The gcloud commands equivalent to `setup-alerts`: topic, subscription (ack deadline set, so
 * redelivery is not immediate), the sink with its own writer identity, and the publish grant for
 * that identity on the topic.
 */
export function setupAlertCommands(n: AlertSetupNames): string[] {
  const quoted = ALERT_SINK_FILTER.replace(/\n\s*/g, ' ').replace(/'/g, `'\\''`);
  return [
    `gcloud pubsub topics create ${n.topic} --project=${n.project}`,
    `gcloud pubsub subscriptions create ${n.subscription} --topic=${n.topic} --ack-deadline=60 --message-retention-duration=1d --project=${n.project}`,
    `gcloud logging sinks create ${n.sink} pubsub.googleapis.com/projects/${n.project}/topics/${n.topic} --log-filter='${quoted}' --project=${n.project}`,
    `gcloud pubsub topics add-iam-policy-binding ${n.topic} --project=${n.project} --role=roles/pubsub.publisher --member="$(gcloud logging sinks describe ${n.sink} --project=${n.project} --format='value(writerIdentity)')"`,
  ];
}
