/** live: subscriptions for dashboards and supervisors (电子监察). */
export { liveEvent } from './live-event';
