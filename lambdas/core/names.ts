/**
 * Name of the probe function in every probe region. Lambda names are per region, so one fixed name
 * never clashes, and `smoke --remote` can find the function without a lookup.
 */
export const PROBE_FUNCTION_NAME = 'autocrm-synthetics-probe';
