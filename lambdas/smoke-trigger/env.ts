/** Environment variable naming the schedule group whose schedules the gate runs once each in smoke mode. */
export const SCHEDULE_GROUP_ENV = 'SCHEDULE_GROUP';
/**
 * Environment variable with the qualified ARNs (comma-separated) of the probe versions this deployment
 * created: a schedule that invokes `…:function:NAME` is run against the version `…:function:NAME:N`.
 */
export const PROBE_VERSIONS_ENV = 'PROBE_VERSION_ARNS';
