// A realistic deployment for the render and as-of benchmarks, in the format the
// app keeps in localStorage (domain/src/state.rs: key STORAGE_KEY, the current
// format, so loading it needs no migration, as on every load after the first):
// 8 providers, a year of daily counts each, a full UAT test plan with a
// failure and a pass per workflow, every pre-live check and the guidance
// review, a few incidents and the core contacts of each party.

export const STORAGE_KEY = 'bars-beta-tracker.state.v1';
export const SCHEMA_VERSION = 8;
export const DEPLOYMENT_ID = 'bench-deployment';
export const DEPLOYMENT_NAME = 'Urgent care referrals – North East wave 1';
export const PROVIDERS = 8;
export const DAYS = 365;

// BaRS Application 1's test plan workflows (domain/src/presets.rs).
const WORKFLOWS = ['Slots', 'Book', 'Cancel booking', 'Rebook', 'Referral', 'Cancel referral', 'Re-refer'];
const PRE_LIVE = ['clinical_sign_off', 'dcb0160', 'dcb0129', 'technical_conformance_certificate',
  'endpoints_catalogued', 'users_trained', 'smoke_test_passed'];
const NAMES = ['Sunderland Royal Hospital', 'Gateshead Urgent Treatment Centre', 'Durham Integrated Care',
  'Newcastle 111 Clinical Assessment', 'Northumbria Emergency Care', 'South Tyneside Community',
  'Darlington Memorial Hospital', 'North Cumbria Primary Care'];
const STAMP = '2025-10-01T09:00:00Z';
const DAY = 86_400_000;

const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

/** The provider names, to check the app rendered this deployment. */
export const providerNames = () => NAMES.slice(0, PROVIDERS);

/** The stored JSON text, as the app would have saved it. */
export function storedState() {
  const providers = [];
  const workflows = [];
  const testResults = [];
  const milestones = [];
  const decisions = [];
  const volumetrics = [];
  for (let p = 0; p < PROVIDERS; p++) {
    const pid = `prov-${p}`;
    // Staggered go-lives a week apart, from 1 December 2025.
    const goLive = Date.UTC(2025, 11, 1) + p * 7 * DAY;
    providers.push({
      id: pid, updated_at: STAMP, name: NAMES[p], ods_code: `R${String.fromCharCode(65 + p)}${100 + p}`,
      role: p % 3 === 0 ? 'sender' : p % 3 === 1 ? 'receiver' : 'both',
      supplier: p % 2 ? 'Example Clinical Systems' : 'Sample Health IT', go_live: isoDay(goLive),
    });
    WORKFLOWS.forEach((name, w) => {
      const wid = `${pid}-wf-${w}`;
      workflows.push({ id: wid, updated_at: STAMP, provider_id: pid, name });
      const failed = goLive - (40 - w) * DAY;
      testResults.push({ id: `${wid}-r1`, updated_at: STAMP, workflow_id: wid, date: isoDay(failed), outcome: 'fail',
        note: 'Response bundle missing the service request identifier', root_cause: w % 3 === 0 ? 'supplier_solution' : 'provider_configuration' });
      testResults.push({ id: `${wid}-r2`, updated_at: STAMP, workflow_id: wid, date: isoDay(failed + 14 * DAY), outcome: 'pass',
        note: 'Retested after the fix', root_cause: null });
    });
    PRE_LIVE.forEach((kind, k) => {
      milestones.push({ id: `${pid}-ms-${k}`, updated_at: STAMP, provider_id: pid, kind,
        date: isoDay(goLive - (16 - k * 2) * DAY), recorded_by: 'BaRS delivery manager' });
    });
    // The go decision two days before go-live (the day a go_decision milestone had before format 3).
    decisions.push({ id: `${pid}-ms-${PRE_LIVE.length}`, updated_at: STAMP, provider_id: pid, kind: 'go_no_go',
      date: isoDay(goLive - 2 * DAY), outcome: 'yes', decided_by: 'BaRS delivery manager', parties: [],
      reasons: 'Every workflow passed and the smoke test passed: all parties content to go live.',
      must_change: [], returns_to: null, issue_ids: [] });
    if (p < PROVIDERS - 2) {
      milestones.push({ id: `${pid}-ms-guidance`, updated_at: STAMP, provider_id: pid, kind: 'guidance_reviewed',
        date: isoDay(goLive + 60 * DAY), recorded_by: 'BaRS delivery manager' });
    }
    for (let d = 0; d < DAYS; d++) {
      const referrals = (d * 7 + p * 3) % 11 + (d % 7 < 5 ? 4 : 0);
      volumetrics.push({ id: `${pid}-vol-${d}`, updated_at: STAMP, provider_id: pid, date: isoDay(goLive + d * DAY),
        referrals, responses: Math.max(0, referrals - ((d + p) % 3)) });
    }
  }
  const incidents = [0, 2, 5].map((p, i) => ({
    id: `inc-${i}`, updated_at: STAMP, provider_id: `prov-${p}`, date: isoDay(Date.UTC(2026, 1 + i * 2, 10)),
    attributed_to_bars: i !== 1, summary: 'Referrals were delayed while the endpoint certificate was renewed',
    reported_to_service_desk: true, resolution: i === 2 ? '' : 'Certificate renewed and referrals resent',
  }));
  const contacts = [
    ['supplier', null, 'Sample Health IT', 'Project lead', 'Alex Morgan'],
    ['supplier', null, 'Example Clinical Systems', 'Project lead', 'Sam Patel'],
    ['bars_team', null, 'NHS England', 'Project lead', 'Jo Williams'],
    ['bars_team', null, 'NHS England', 'Clinical lead', 'Dr Chris Evans'],
    ['bars_team', null, 'NHS England', 'Technical lead', 'Priya Shah'],
    ['policy_and_strategy', null, 'NHS England', 'Policy lead', 'Morgan Lee'],
    ...providerNames().map((name, p) => ['provider', `prov-${p}`, name, 'Clinical lead', `Dr Taylor ${p + 1}`]),
  ].map(([party, provider_id, organisation, role, name], i) => ({
    id: `contact-${i}`, updated_at: STAMP, party, provider_id, organisation, role, name,
    email: `contact${i}@example.nhs.uk`,
  }));
  return JSON.stringify({
    schema_version: SCHEMA_VERSION,
    deployments: [{
      id: DEPLOYMENT_ID, name: DEPLOYMENT_NAME, application: { kind: 'preset', number: 1 }, risk_level: 'medium',
      created_at: STAMP, updated_at: STAMP, has_responses: false, stable_published: null, standard_updated: null,
      providers, workflows, test_results: testResults, milestones, decisions, business_change: [], volumetrics,
      incidents, contacts, call_cadences: [], calls: [], issues: [], lessons: [], rasci_changes: [],
      responsibilities: [], exit_reports: [], deleted: [],
    }],
    deleted_deployments: [],
    sharing: { organisation: 'NHS England', last_shared: null },
  });
}

/** The query string of this deployment's progress page (src/route.rs). */
export const PROGRESS_QUERY = `?deployment=${encodeURIComponent(DEPLOYMENT_ID)}`;

/**
 * What bench/timing.mjs injects into the app's page: the state to preload,
 * and what the progress page shows once rendered (heading and every provider).
 */
export function appInit(state = storedState()) {
  return { storage: { key: STORAGE_KEY, value: state }, expect: { heading: DEPLOYMENT_NAME, texts: providerNames() } };
}
